import Link from "next/link";

type Viewer = { displayName: string; canWrite: boolean; isAdmin: boolean } | null;

export function SiteHeader({ siteName, viewer }: { siteName: string; viewer: Viewer }) {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        ⚡ {siteName}
      </Link>
      <nav>
        <Link href="/">Articles</Link>
        <Link href="/library">Library</Link>
        {viewer?.canWrite && <Link href="/dashboard">Dashboard</Link>}
        {viewer?.isAdmin && <Link href="/admin">Admin</Link>}
        {viewer ? (
          <Link href="/account" data-testid="account-link">
            {viewer.displayName}
          </Link>
        ) : (
          <Link href="/signin" data-testid="signin-link">
            Sign in
          </Link>
        )}
      </nav>
    </header>
  );
}
