import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

// What a completed payment grants is a row here, written by the action's onPaid in the
// transaction that completes the payment. Access is never inferred from payments.
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

/** Idempotent per (payment, resource): a grant seen twice is written once. */
export async function grant(tx: Prisma.TransactionClient, entry: Grant): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Entitlement" ("id", "paymentId", "buyerId", "kind", "resource", "articleId", "validUntil", "usesLeft", "createdAt")
    VALUES (${randomUUID()}, ${entry.paymentId}, ${entry.buyerId}, ${entry.kind}, ${entry.resource},
            ${entry.articleId ?? null}, ${entry.validUntil ?? null}, ${entry.usesLeft ?? null}, ${entry.at})
    ON CONFLICT ("paymentId", "resource") DO NOTHING`;
}
