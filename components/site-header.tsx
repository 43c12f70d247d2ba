import Link from "next/link";

export function SiteHeader({ siteName }: { siteName: string }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        ⚡ {siteName}
      </Link>
      <nav>
        <Link href="/">Articles</Link>
        <Link href="/about">About</Link>
      </nav>
    </header>
  );
}
