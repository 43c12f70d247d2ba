import { z } from "zod";
import { ROW_ID } from "@/lib/http/identifiers";

// The body of POST /api/access-tokens: which held thing the token is for, and optionally for
// which audience (the site's origin, or one of ACCESS_TOKEN_AUDIENCES).

export type TokenResource = { kind: "article"; id: string } | { kind: "file"; id: string } | { kind: "pass"; issuerId: string | null };

// Row ids in the shape identifiers.ts gives them.
const ID = ROW_ID.source.replace(/^\^|\$$/g, "");
const RESOURCE_TEXT = new RegExp(`^(article|file):(${ID})$|^pass:site$|^pass:author:(${ID})$`);

export function parseResource(text: string): TokenResource | null {
  const match = RESOURCE_TEXT.exec(text);
  if (!match) return null;
  if (match[1] === "article" || match[1] === "file") return ROW_ID.test(match[2]!) ? { kind: match[1], id: match[2]! } : null;
  return { kind: "pass", issuerId: match[3] ?? null };
}

export const accessTokenRequest = z.object({
  resource: z
    .string()
    .max(80)
    .transform((text, ctx) => {
      const resource = parseResource(text);
      if (!resource) ctx.addIssue({ code: "custom", message: 'resource must be "article:<id>", "file:<id>", "pass:site" or "pass:author:<id>"' });
      return resource ?? z.NEVER;
    }),
  audience: z.string().min(1).max(200).optional(),
});
