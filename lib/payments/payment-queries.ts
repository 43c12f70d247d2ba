import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { ALLOWED_FROM } from "@/lib/payments/payment-status";

// The payment engine's raw SQL on its hottest paths (a returning payer is one indexed SELECT).

export type OpenPaymentRow = {
  id: string;
  status: string;
  amountSats: number;
  paymentHash: string | null;
  paymentRequest: string | null;
  invoiceExpiresAt: Date | null;
};

function toRow(row: Record<string, unknown>): OpenPaymentRow {
  return {
    id: String(row.id),
    status: String(row.status),
    amountSats: sqlInt(row.amountSats),
    paymentHash: (row.paymentHash as string | null) ?? null,
    paymentRequest: (row.paymentRequest as string | null) ?? null,
    invoiceExpiresAt: sqlDate(row.invoiceExpiresAt),
  };
}

export async function findPaymentByReuseKey(reuseKey: string): Promise<OpenPaymentRow | null> {
  const [row] = await db().$queryRaw<Array<Record<string, unknown>>>`
    SELECT "id", "status", "amountSats", "paymentHash", "paymentRequest", "invoiceExpiresAt" FROM "Payment" WHERE "reuseKey" = ${reuseKey}`;
  return row ? toRow(row) : null;
}

export async function findPaymentById(paymentId: string): Promise<OpenPaymentRow | null> {
  const [row] = await db().$queryRaw<Array<Record<string, unknown>>>`
    SELECT "id", "status", "amountSats", "paymentHash", "paymentRequest", "invoiceExpiresAt" FROM "Payment" WHERE "id" = ${paymentId}`;
  return row ? toRow(row) : null;
}

/** The buyer row is written the first time a browser pays for anything; one statement. */
export async function ensureBuyer(buyerId: string) {
  // Not Prisma's upsert: on SQLite it runs as a transaction of several statements, several
  // times slower than this one statement on a payer's first visit.
  await db().$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES (${buyerId}, ${new Date()}) ON CONFLICT ("id") DO NOTHING`;
}

export type NewPayment = {
  id: string;
  buyerId: string | null;
  payerKind: string;
  articleId: string | null;
  purpose: string;
  args: string;
  reuseKey: string | null;
  amountSats: number;
};

/** A new payment waiting for its invoice: one INSERT (a reuse key already taken throws). */
export async function insertPayment(row: NewPayment): Promise<OpenPaymentRow> {
  const now = new Date();
  await db().$executeRaw`
    INSERT INTO "Payment" ("id", "buyerId", "payerKind", "articleId", "purpose", "args", "reuseKey", "amountSats", "status", "createdAt", "updatedAt")
    VALUES (${row.id}, ${row.buyerId}, ${row.payerKind}, ${row.articleId}, ${row.purpose}, ${row.args}, ${row.reuseKey}, ${row.amountSats}, 'pending_invoice', ${now}, ${now})`;
  return { id: row.id, status: "pending_invoice", amountSats: row.amountSats, paymentHash: null, paymentRequest: null, invoiceExpiresAt: null };
}

/**
 * pending_invoice -> pending_payment with the node's invoice, only while the payment's article
 * (if any) is on sale: one conditional UPDATE (lib/payments/transitions.ts's attachInvoice).
 */
export async function attachInvoiceRow(paymentId: string, invoice: { amountSats: number; paymentHash: string; paymentRequest: string; expiresAt: Date }): Promise<boolean> {
  const from = Prisma.join(ALLOWED_FROM.pending_payment.map((status) => Prisma.sql`${status}`));
  const count = await db().$executeRaw`
    UPDATE "Payment" SET "status" = 'pending_payment', "amountSats" = ${invoice.amountSats}, "paymentHash" = ${invoice.paymentHash},
           "paymentRequest" = ${invoice.paymentRequest}, "invoiceExpiresAt" = ${invoice.expiresAt}, "errorMessage" = NULL, "updatedAt" = ${new Date()}
     WHERE "id" = ${paymentId} AND "status" IN (${from})
       AND ("articleId" IS NULL OR EXISTS (SELECT 1 FROM "Article" AS a WHERE a."id" = "Payment"."articleId" AND a."status" = 'visible'))`;
  return count === 1;
}

export async function paymentStatus(paymentId: string): Promise<string | null> {
  const [row] = await db().$queryRaw<Array<{ status: string }>>`SELECT "status" FROM "Payment" WHERE "id" = ${paymentId}`;
  return row?.status ?? null;
}

/** An article a reader can pay to read now (visible and priced), as the view action sells it; one indexed SELECT. */
export async function articleForSale(articleId: string): Promise<{ id: string; title: string; priceSats: number } | null> {
  const [row] = await db().$queryRaw<Array<{ id: string; title: string; priceSats: unknown }>>`
    SELECT "id", "title", "priceSats" FROM "Article" WHERE "id" = ${articleId} AND "status" = 'visible' AND "priceSats" > 0`;
  return row ? { id: row.id, title: row.title, priceSats: sqlInt(row.priceSats) } : null;
}

/** Whether the payment's article (if it has one) is still on sale. */
export async function subjectStillOnSale(paymentId: string): Promise<boolean> {
  const [row] = await db().$queryRaw<Array<{ status: string | null; articleId: string | null }>>`
    SELECT a."status", p."articleId" FROM "Payment" AS p LEFT JOIN "Article" AS a ON a."id" = p."articleId" WHERE p."id" = ${paymentId}`;
  return !!row && (row.articleId === null || row.status === "visible");
}

export type PayerRef = { buyerId: string; userId: string | null };

/**
 * The distinct payers (browsers, or the accounts that claimed them) of the other completed
 * payments of a type for an article, earliest first: everyone who paid before the payment being
 * completed now (completions are serialized by their transactions). At most `limit`.
 */
export async function earlierPayers(
  tx: Prisma.TransactionClient,
  query: { articleId: string; purpose: string; excludePaymentId: string; limit: number },
): Promise<PayerRef[]> {
  const rows = await tx.$queryRaw<Array<{ buyerId: string; userId: string | null }>>`
    SELECT MIN(p."buyerId") AS "buyerId", b."userId"
      FROM "Payment" AS p JOIN "Buyer" AS b ON b."id" = p."buyerId"
     WHERE p."articleId" = ${query.articleId} AND p."purpose" = ${query.purpose} AND p."status" = 'complete' AND p."id" <> ${query.excludePaymentId}
     GROUP BY COALESCE(b."userId", p."buyerId"), b."userId"
     ORDER BY MIN(p."settledAt") ASC
     LIMIT ${query.limit}`;
  return rows;
}

/** The account that claimed a browser, if any (read inside a paying transaction). */
export async function buyerUserId(tx: Prisma.TransactionClient, buyerId: string): Promise<string | null> {
  const [row] = await tx.$queryRaw<Array<{ userId: string | null }>>`SELECT "userId" FROM "Buyer" WHERE "id" = ${buyerId}`;
  return row?.userId ?? null;
}
