import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";
import { type EntryKind, userAccount } from "@/lib/ledger/accounts";
import type { TipRecipient } from "@/lib/tips/tip-metadata";

// Who a Lightning Address belongs to, and the tips an author has received. Tips are read from
// the ledger (a tip entry exists only once its payment settled), never from unpaid invoices, so
// a comment reaches the author only when someone paid to send it.

const TIP_KIND: EntryKind = "tip";

type RecipientRow = { userId: string; displayName: string; lightningName: string };

export async function recipientByName(name: string): Promise<TipRecipient | null> {
  const [row] = await db().$queryRaw<RecipientRow[]>`
    SELECT p."userId", p."displayName", p."lightningName" FROM "Profile" p WHERE p."lightningName" = ${name}`;
  return row ?? null;
}

export async function recipientById(userId: string): Promise<TipRecipient | null> {
  const [row] = await db().$queryRaw<RecipientRow[]>`
    SELECT p."userId", p."displayName", p."lightningName" FROM "Profile" p WHERE p."userId" = ${userId} AND p."lightningName" IS NOT NULL`;
  return row ?? null;
}

/** The user's Lightning Address name, if they chose one. */
export async function lightningNameOf(userId: string): Promise<string | null> {
  const [row] = await db().$queryRaw<Array<{ lightningName: string | null }>>`SELECT "lightningName" FROM "Profile" WHERE "userId" = ${userId}`;
  return row?.lightningName ?? null;
}

export type TipComment = { paymentId: string; amountSats: number; comment: string; at: Date; articleTitle: string | null };

// Payment.args as the tip action stores it; only the comment is read here.
const storedComment = z.object({ comment: z.string().optional() });

/** The author's latest tips that came with a comment, newest first; an article's tip names the article. */
export async function recentTipComments(userId: string, limit = 10): Promise<TipComment[]> {
  const rows = await db().$queryRaw<Array<{ paymentId: string; amountSats: number | bigint; args: string | null; at: unknown; articleTitle: string | null }>>`
    SELECT p."id" AS "paymentId", p."amountSats", p."args", e."createdAt" AS "at", a."title" AS "articleTitle"
      FROM "LedgerEntry" e JOIN "Payment" p ON p."id" = e."paymentId" LEFT JOIN "Article" a ON a."id" = e."articleId"
     WHERE e."account" = ${userAccount(userId)} AND e."kind" = ${TIP_KIND} AND p."args" LIKE ${'%"comment"%'}
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${limit}`;
  return rows.flatMap((row) => {
    const parsed = storedComment.safeParse(safeJson(row.args));
    const comment = parsed.success ? parsed.data.comment : undefined;
    return comment ? [{ paymentId: row.paymentId, amountSats: Number(row.amountSats), comment, at: sqlDate(row.at) ?? new Date(0), articleTitle: row.articleTitle }] : [];
  });
}

function safeJson(text: string | null): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
