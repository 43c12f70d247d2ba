export const ARTICLE_STATUSES = ["draft", "visible", "deleted_by_admin"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Lower-case words joined by single hyphens, 1 to 100 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(value: string): boolean {
  return value.length <= 100 && SLUG_PATTERN.test(value);
}
