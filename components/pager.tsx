import Link from "next/link";

/**
 * "Newest" and "Older" links under a keyset-paginated list. `older` is the opaque cursor of the
 * next page (null on the last page); `path` is the list's own address; `param` the query
 * parameter carrying the cursor (a page with two lists gives each its own).
 */
export function Pager({ path, older, isFirstPage, param = "before" }: { path: string; older: string | null; isFirstPage: boolean; param?: string }) {
  if (!older && isFirstPage) return null;
  return (
    <nav aria-label="Pagination" className="pager" data-testid="pager">
      {!isFirstPage && (
        <Link href={path} data-testid="pager-newest">
          ← Newest
        </Link>
      )}
      {older && (
        <Link href={`${path}?${param}=${older}`} rel="next" data-testid="pager-older">
          Older →
        </Link>
      )}
    </nav>
  );
}
