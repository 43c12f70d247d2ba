import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { siteName } from "@/lib/site";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: { default: siteName(), template: `%s · ${siteName()}` },
    description: "Articles you can buy with a Lightning payment, no account needed.",
    icons: { icon: "/favicon.svg" },
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader siteName={siteName()} />
        <main>{children}</main>
        <footer className="site-footer">Paid with Lightning · no account, no card</footer>
      </body>
    </html>
  );
}
