import Link from "next/link";

export default function NotFound() {
  return (
    <div className="prose" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is no article at this address. It may have been unpublished.</p>
      <Link href="/">Back to the articles</Link>
    </div>
  );
}
