import "server-only";
import { db } from "@/lib/db/client";
import { onPaymentStatus } from "@/lib/payments/payment-events";

/** One open status stream, as the hub sees it. */
export interface StatusWatcher {
  readonly paymentId: string;
  deliver(status: string): void;
  ping(): void;
}

const HEARTBEAT_MS = 15_000;
// Safety net should an event be missed (a settlement credited by another process on SQLite, a
// NOTIFY lost while PostgreSQL's LISTEN connection was down).
const RECHECK_MS = 5_000;
// Payments re-read per query: well under SQLite's and PostgreSQL's bound-parameter limits.
const RECHECK_BATCH = 500;

type PaymentWatchers = { watchers: Set<StatusWatcher>; unsubscribe: () => void };

/**
 * Everything open status streams share, so that a waiting reader costs a Set entry and not a
 * bus listener, two timers and a database poll of its own (10,000 may wait at once):
 * - one bus subscription per payment (not per stream), fanned out to its streams;
 * - one heartbeat timer for all streams;
 * - one periodic re-read of every watched payment's status, in batches, never overlapping.
 * The timers run only while some stream is open.
 */
type Hub = { payments: Map<string, PaymentWatchers>; heartbeat?: NodeJS.Timeout; recheck?: NodeJS.Timeout; checking: boolean };
// On globalThis: Next.js may load this module once per route bundle, and the health route must
// see the events route's streams (as the event bus, lib/events/event-bus.ts).
const globalForHub = globalThis as unknown as { __statusStreamHub?: Hub };
const hub: Hub = (globalForHub.__statusStreamHub ??= { payments: new Map<string, PaymentWatchers>(), checking: false });
const payments = hub.payments;

export function watchPayment(watcher: StatusWatcher) {
  let entry = payments.get(watcher.paymentId);
  if (!entry) {
    const watchers = new Set<StatusWatcher>();
    // Copy first: a final status makes watchers leave while the set is being walked.
    const unsubscribe = onPaymentStatus(watcher.paymentId, (status) => [...watchers].forEach((each) => each.deliver(status)));
    entry = { watchers, unsubscribe };
    payments.set(watcher.paymentId, entry);
  }
  entry.watchers.add(watcher);
  hub.heartbeat ??= setInterval(pingAll, HEARTBEAT_MS);
  hub.recheck ??= setInterval(() => void recheckAll(), RECHECK_MS);
}

export function unwatchPayment(watcher: StatusWatcher) {
  const entry = payments.get(watcher.paymentId);
  if (!entry?.watchers.delete(watcher)) return;
  if (entry.watchers.size === 0) {
    payments.delete(watcher.paymentId);
    entry.unsubscribe();
  }
  if (payments.size === 0) {
    clearInterval(hub.heartbeat);
    clearInterval(hub.recheck);
    hub.heartbeat = hub.recheck = undefined;
  }
}

/** Open streams and watched payments, for tests and diagnostics. */
export function watchedCounts() {
  let streams = 0;
  for (const entry of payments.values()) streams += entry.watchers.size;
  return { streams, payments: payments.size };
}

function pingAll() {
  for (const entry of [...payments.values()]) for (const watcher of [...entry.watchers]) watcher.ping();
}

async function recheckAll() {
  if (hub.checking) return;
  hub.checking = true;
  try {
    const ids = [...payments.keys()];
    for (let start = 0; start < ids.length; start += RECHECK_BATCH) {
      const rows = await db().payment.findMany({ where: { id: { in: ids.slice(start, start + RECHECK_BATCH) } }, select: { id: true, status: true } });
      for (const row of rows) for (const watcher of [...(payments.get(row.id)?.watchers ?? [])]) watcher.deliver(row.status);
    }
  } catch {
    /* the database is away: the next tick tries again, the events still flow */
  } finally {
    hub.checking = false;
  }
}
