import { notFound } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";

// Article ids are cuids: lower-case letters and digits. Anything else cannot name an article,
// so it gets the same 404 as an unknown id (no hint about which ids exist).
export const isArticleId = (value: string) => ROW_ID.test(value);

export function parseArticleId(value: string): string {
  if (!isArticleId(value)) throw noSuchArticle();
  return value;
}

export const noSuchArticle = () => notFound("No such article", "no_such_article");
