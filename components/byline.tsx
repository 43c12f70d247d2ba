import Link from "next/link";
import { Fragment } from "react";

/** Every author of an article, lead first, each linked to their page ("A, B and C"). */
export function Byline({ authors }: { authors: Array<{ id: string; name: string }> }) {
  return (
    <span data-testid="byline">
      {authors.map((author, index) => (
        <Fragment key={author.id}>
          {index === 0 ? "" : index === authors.length - 1 ? " and " : ", "}
          <Link href={`/authors/${author.id}`} data-testid={index === 0 ? "author-link" : "coauthor-link"}>
            {author.name}
          </Link>
        </Fragment>
      ))}
    </span>
  );
}
