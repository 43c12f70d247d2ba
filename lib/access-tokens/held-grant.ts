import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { passResource } from "@/lib/access/entitlements";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { findFileAccess } from "@/lib/access/file-access-queries";
import type { TokenResource } from "@/lib/access-tokens/access-token-input";
import { heldPass, paidMsatsOf } from "@/lib/access-tokens/held-grant-queries";
import { toSeconds, type GrantsClaim } from "@/lib/access-tokens/token-claims";

export type HeldGrant = { grants: GrantsClaim; paymentId: string; paidMsats: bigint; heldUntil: Date | null };

/**
 * What the reader holds for the resource, through the same access checks as the pages (a
 * purchase, a claimed gift, a running pass, a receipt link). Null: not held, or free (a free
 * article or file needs no token: there is no payment to prove).
 */
export async function heldGrant(reader: Reader, resource: TokenResource): Promise<HeldGrant | null> {
  if (resource.kind === "article") {
    const article = await db().article.findUnique({ where: { id: resource.id }, select: { id: true, slug: true, priceSats: true } });
    if (!article || article.priceSats === 0) return null;
    const access = await findReadAccess(article.id, reader);
    if (!access) return null;
    const paid = await paidMsatsOf(access.entitlementId);
    if (!paid) return null;
    const through = access.passUntil ? { pass_until: toSeconds(access.passUntil) } : {};
    return { grants: { type: "article", article_id: article.id, slug: article.slug, ...through }, ...paid, heldUntil: access.passUntil };
  }
  if (resource.kind === "file") {
    const file = await db().storedFile.findUnique({ where: { id: resource.id }, select: { id: true, ownerId: true, articleId: true, priceSats: true, status: true } });
    if (!file) return null;
    const access = await findFileAccess(file, reader);
    if (!access || access.free) return null;
    const paid = await paidMsatsOf(access.entitlementId);
    if (!paid) return null;
    const through = access.passUntil ? { pass_until: toSeconds(access.passUntil) } : {};
    return { grants: { type: "file", file_id: file.id, ...through }, ...paid, heldUntil: access.passUntil };
  }
  const pass = await heldPass(reader, passResource(resource.issuerId));
  if (!pass) return null;
  const paid = await paidMsatsOf(pass.entitlementId);
  if (!paid) return null;
  const until = toSeconds(pass.validUntil);
  const grants: GrantsClaim = resource.issuerId ? { type: "pass", scope: "author", author_id: resource.issuerId, until } : { type: "pass", scope: "site", until };
  return { grants, ...paid, heldUntil: pass.validUntil };
}
