// What a completed payment grants is an Entitlement row, written by the action's onPaid
// (grant() in entitlement-queries.ts) in the transaction that completes the payment. Access is
// never inferred from payments.
export const READ = "read";

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
