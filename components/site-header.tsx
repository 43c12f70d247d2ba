import Link from "next/link";

type Viewer = { displayName: string; canWrite: boolean; isAdmin: boolean } | null;

// Links to per-visitor pages are not prefetched: rendering /signin makes a login challenge, and
// prefetching the rest on every page view would only load the server.
export function SiteHeader({ siteName, viewer }: { siteName: string; viewer: Viewer }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        ⚡ {siteName}
      </Link>
      <nav aria-label="Site">
        <Link href="/">Articles</Link>
        <Link href="/library" prefetch={false}>Library</Link>
        {viewer?.canWrite && <Link href="/dashboard" prefetch={false}>Dashboard</Link>}
        {viewer?.isAdmin && <Link href="/admin" prefetch={false}>Admin</Link>}
        {viewer ? (
          <Link href="/account" prefetch={false} data-testid="account-link">
            {viewer.displayName}
          </Link>
        ) : (
          <Link href="/signin" prefetch={false} data-testid="signin-link">
            Sign in
          </Link>
        )}
      </nav>
    </header>
  );
}
