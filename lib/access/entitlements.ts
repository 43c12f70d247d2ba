// What a completed payment grants is an Entitlement row, written by the action's onPaid
// (grant() in entitlement-queries.ts) in the transaction that completes the payment. Access is
// never inferred from payments.
export const READ = "read";
/** All access until validUntil to the paid articles of an author (or of the whole site). */
export const PASS = "pass";

export const passResource = (issuerId: string | null) => (issuerId ? `pass:author:${issuerId}` : "pass:site");
export const articleResource = (articleId: string) => `article:${articleId}`;

export type Grant = {
  paymentId: string;
  buyerId: string | null;
  kind: string;
  resource: string;
  articleId?: string | null;
  validUntil?: Date | null;
  usesLeft?: number | null;
  at: Date;
};
/** A file sold on its own (kind READ); a file attached to an article is held through the article. */
export const fileResource = (fileId: string) => `file:${fileId}`;
