// The SSE part's data: N waiting payments, each with its own buyer, written straight into the
// server's SQLite file (through the site this would take minutes), and the signed buyer cookie
// a browser of each would send. Also the process-tree RSS the part measures.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { BUYER_COOKIE, newBuyerId } from "@/lib/buyers/reader-cookies";
import { db, disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { signValue } from "@/lib/security/signed-value";
import type { ClientStream } from "./sse-clients";

const BATCH = 1000;

/** A cuid-shaped id (ROW_ID: 20 to 32 lower-case letters and digits). */
const rowId = () => `bench${randomBytes(12).toString("hex")}`;

export async function insertWaitingPayments(databaseUrl: string, appSecret: string, paidSlug: string, count: number): Promise<ClientStream[]> {
  process.env.DATABASE_URL = databaseUrl;
  resetEnvForTests();
  try {
    const article = await db().article.findUniqueOrThrow({ where: { slug: paidSlug }, select: { id: true, priceSats: true } });
    const expires = new Date(Date.now() + 24 * 3600_000);
    const key = Buffer.from(appSecret, "utf8");
    const streams: ClientStream[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, count - start) }, () => ({ buyerId: newBuyerId(), paymentId: rowId() }));
      await db().buyer.createMany({ data: rows.map(({ buyerId }) => ({ id: buyerId })) });
      // No payment hash: the pending-payment recheck leaves a payment without one alone, so
      // these stay waiting for the whole run.
      await db().payment.createMany({
        data: rows.map(({ buyerId, paymentId }) => ({
          id: paymentId,
          buyerId,
          articleId: article.id,
          purpose: "view",
          reuseKey: `view:${buyerId}:${article.id}`,
          amountSats: article.priceSats,
          status: "pending_payment",
          invoiceExpiresAt: expires,
        })),
      });
      for (const { buyerId, paymentId } of rows) streams.push({ paymentId, cookie: `${BUYER_COOKIE}=${signValue(key, BUYER_COOKIE, buyerId)}` });
    }
    return streams;
  } finally {
    await disconnectDb();
  }
}

/** Resident memory (MB) of a process and all its descendants (`next start` may fork workers). */
export function treeRssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid ...: comm may hold spaces, so read after the last ")".
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kb = 0;
  for (const member of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${member}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* exited meanwhile */
    }
  }
  return kb / 1024;
}

/** The soft limit on open files of this process (children inherit it). */
export function openFilesLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === "unlimited" ? Infinity : Number(soft);
}
