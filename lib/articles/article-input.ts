import "server-only";
import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/articles/article-status";
import { MAX_SLUG_LENGTH } from "@/lib/articles/slugify";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// What an author may send when creating or editing an article, validated at the edge. Each
// failure names its field in the message and in the code (invalid_<field>), so the editor can
// show it next to the field.

export const MAX_TITLE_LENGTH = 120;
export const MAX_TEASER_LENGTH = 1000;
export const MAX_BODY_LENGTH = 100_000;
/** JSON of a 100,000-character body: up to 4 bytes a character, or 6 for an escaped one. */
export const MAX_ARTICLE_JSON_BYTES = 1024 * 1024;

// C0 and C1 control characters; line breaks and tabs are fine in a teaser or body, never in a title.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const requiredOr = (field: string, wrongType: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : wrongType;
const text = (field: string) => z.string({ error: requiredOr(field, `${field} must be text`) });

function fields(maxPriceSats: number) {
  return {
    title: text("Title")
      .trim()
      .min(1, "Title is required")
      .max(MAX_TITLE_LENGTH, `Title must be at most ${MAX_TITLE_LENGTH} characters`)
      .refine((value) => !CONTROL.test(value), "Title must not contain control characters or line breaks"),
    slug: text("Slug")
      .trim()
      .min(1, "Slug must not be empty (leave it out to generate one from the title)")
      .max(MAX_SLUG_LENGTH, `Slug must be at most ${MAX_SLUG_LENGTH} characters`)
      .regex(SLUG_PATTERN, "Slug may only contain lowercase letters and digits, in words joined by single hyphens (like my-first-article)"),
    teaser: text("Teaser")
      .trim()
      .max(MAX_TEASER_LENGTH, `Teaser must be at most ${MAX_TEASER_LENGTH} characters`)
      .refine((value) => !CONTROL_EXCEPT_LINES.test(value), "Teaser must not contain control characters"),
    body: text("Body")
      .max(MAX_BODY_LENGTH, `Body must be at most ${MAX_BODY_LENGTH.toLocaleString("en-US")} characters`)
      .refine((value) => !CONTROL_EXCEPT_LINES.test(value), "Body must not contain control characters"),
    priceSats: z
      .number({ error: requiredOr("Price (priceSats)", "Price must be a number of sats") })
      .int("Price must be a whole number of sats")
      .min(0, "Price must not be negative (0 makes the article free)")
      .max(maxPriceSats, `Price must be at most ${maxPriceSats.toLocaleString("en-US")} sats`),
  };
}

const FIELD_CODES: Record<string, string> = { title: "title", slug: "slug", teaser: "teaser", body: "body", priceSats: "price_sats" };

// Unknown fields are refused rather than dropped: a misspelt "price" silently ignored would
// publish an article at the wrong price.
function createSchema() {
  const f = fields(getEnv().MAX_PRICE_SATS);
  return z.strictObject({
    title: f.title,
    // Left out: generated from the title, with -2, -3... when taken.
    slug: f.slug.optional(),
    teaser: f.teaser.default(""),
    body: f.body.default(""),
    // Required even though 0 is allowed: an article should never turn free by omission.
    priceSats: f.priceSats,
  });
}

function updateSchema() {
  const f = fields(getEnv().MAX_PRICE_SATS);
  return z
    .strictObject({ title: f.title.optional(), slug: f.slug.optional(), teaser: f.teaser.optional(), body: f.body.optional(), priceSats: f.priceSats.optional() })
    .refine((value) => Object.values(value).some((field) => field !== undefined), "Send at least one field to change");
}

export type ArticleCreateInput = z.infer<ReturnType<typeof createSchema>>;
export type ArticleUpdateInput = z.infer<ReturnType<typeof updateSchema>>;

export const parseArticleCreate = (value: unknown): ArticleCreateInput => parse(createSchema(), value);
export const parseArticleUpdate = (value: unknown): ArticleUpdateInput => parse(updateSchema(), value);

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError(400, "Send the article as a JSON object", "invalid_body");
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new AppError(400, `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`, "unknown_field");
  }
  const field = typeof issue.path[0] === "string" ? FIELD_CODES[issue.path[0]] : undefined;
  throw new AppError(400, issue.message, field ? `invalid_${field}` : "invalid_body");
}
