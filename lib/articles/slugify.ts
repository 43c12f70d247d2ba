import { SLUG_PATTERN } from "@/lib/articles/article-status";

// Pure text function shared by the server (lib/articles/slugs.ts) and the editor, which shows
// the slug it will get while the author types the title; so no "server-only" here.

export const MAX_SLUG_LENGTH = 100;
/** Room kept for a "-2", "-3"... suffix when a generated slug is taken. */
const GENERATED_SLUG_LENGTH = 80;
export const FALLBACK_SLUG = "article";
const LIGATURES: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", þ: "th" };

/** "Ça va? Déjà 21 sats!" -> "ca-va-deja-21-sats"; a title with no letters or digits -> "article". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    // Combining marks left by NFKD: é -> e + U+0301 -> e.
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    // Latin letters that NFKD does not split into a base letter and a mark.
    .replace(/[ßæœøłđþ]/g, (letter) => LIGATURES[letter]!)
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, GENERATED_SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
  return SLUG_PATTERN.test(slug) ? slug : FALLBACK_SLUG;
}
