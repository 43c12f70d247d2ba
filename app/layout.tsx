import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/auth/current-user";
import { feedLinks } from "@/lib/feeds/feed-links";
import { siteName } from "@/lib/site";
import { siteOrigin } from "@/lib/site-origin";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    // Absolute URLs for the feed links, canonical and preview tags: SITE_URL's origin.
    metadataBase: new URL(await siteOrigin()),
    title: { default: siteName(), template: `%s · ${siteName()}` },
    description: "Articles you can buy with a Lightning payment, no account needed.",
    icons: { icon: "/favicon.svg" },
    // Feed readers and browsers find the site's feeds from any page.
    alternates: feedLinks(siteName(), ""),
  };
}

// The header shows who is signed in, so every page renders per request.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        {/* First stop for keyboard users: past the header's links to the page itself. */}
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader siteName={siteName()} viewer={user && { displayName: user.displayName, canWrite: user.canWrite, isAdmin: user.isAdmin }} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">Paid with Lightning · no account, no card</footer>
      </body>
    </html>
  );
}
