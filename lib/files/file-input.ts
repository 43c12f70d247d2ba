import { z } from "zod";
import { badRequest } from "@/lib/errors";

// What an author sends about a file: in the upload's query string (the body is the file) or as
// JSON when changing it. Validated before a byte of the body is read.

const title = z.string().trim().min(1, "Give the file a title").max(200, "The title is too long (200 characters at most)");
const price = (max: number) => z.number().int("The price is whole sats").min(0, "The price cannot be negative").max(max, `The price is at most ${max} sats`);

export type UploadTarget = { kind: "article"; articleId: string; title: string | null } | { kind: "alone"; title: string; priceSats: number };

/** ?name=<file name>&articleId=<id>[&title=] attaches; ?name=&title=&priceSats= sells alone. */
export function parseUploadQuery(params: URLSearchParams, maxPriceSats: number): { name: string; target: UploadTarget } {
  const name = params.get("name") ?? "";
  if (name.trim() === "" || name.length > 1000) throw badRequest("Send the file's name as ?name=", "invalid_name");
  const articleId = params.get("articleId");
  const rawPrice = params.get("priceSats");
  if ((articleId === null) === (rawPrice === null)) throw badRequest("Attach the file to an article (?articleId=) or sell it alone (?priceSats=)", "invalid_target");
  const rawTitle = params.get("title");
  if (articleId !== null) {
    const parsed = rawTitle === null || rawTitle.trim() === "" ? null : parse(title, rawTitle, "invalid_title");
    return { name, target: { kind: "article", articleId, title: parsed } };
  }
  if (!/^\d{1,12}$/.test(rawPrice!)) throw badRequest("The price is whole sats (0 = free)", "invalid_price_sats");
  return { name, target: { kind: "alone", title: parse(title, rawTitle ?? "", "invalid_title"), priceSats: parse(price(maxPriceSats), Number(rawPrice), "invalid_price_sats") } };
}

/** PATCH /api/files/<id>: any of title, priceSats (files sold alone), status. */
export const fileUpdateSchema = (maxPriceSats: number) =>
  z.object({ title: title.optional(), priceSats: price(maxPriceSats).optional(), status: z.enum(["draft", "visible", "removed"]).optional() }).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, code: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(result.error.issues[0]?.message ?? "Invalid value", code);
  return result.data;
}
