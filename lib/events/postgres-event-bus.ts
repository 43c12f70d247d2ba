import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import { Client, Pool } from "pg";
import type { EventBus } from "@/lib/events/event-bus";
import { errorMessage, log } from "@/lib/log";

/**
 * The event bus shared by every instance on one PostgreSQL database, over LISTEN/NOTIFY.
 *
 * - ONE channel for all topics: the topic travels in the JSON payload, so any topic string is
 *   safe (channel names are identifiers of at most 63 bytes) and a (re)connection needs only one
 *   LISTEN, however many subscribers there are. Every instance hears every event; events are a
 *   few per payment, so filtering locally is cheaper than a LISTEN/UNLISTEN per SSE stream.
 * - Payload limit: PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; the JSON envelope
 *   (origin, topic, message) must stay under it, else publish() throws (our messages are tens of bytes).
 * - Local subscribers get local publishes at once, without the round trip, even while the
 *   database is down; the process's own notifications are recognised by origin id and ignored.
 * - One dedicated pg.Client per process LISTENs; on any error or end it reconnects with
 *   backoff and LISTENs again, never throwing. Events NOTIFYed while it was away are lost: the
 *   consumers re-read the database periodically (status-stream-hub.ts re-reads every open stream's payment every 5 s).
 * - NOTIFY goes through a one-connection pool, serially and batched, so one process's events
 *   arrive in the order published.
 * - Its connections never keep a process alive (a script that settles a payment and returns
 *   must exit), and the LISTEN connection is pinged so a silently dead one is replaced.
 */
export const NOTIFY_PAYLOAD_MAX_BYTES = 7999;
export const EVENTS_CHANNEL = "lightning_press_events";
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;
const QUEUE_MAX = 10_000;
const PING_MS = 30_000;

const unref = (client: Client) => (client.connection.stream as Partial<Socket>).unref?.();

export type PostgresEventBus = EventBus & {
  /** Resolves once the LISTEN connection is up (the first time, or again after a reconnection). */
  listening(): Promise<void>;
  close(): Promise<void>;
};

type Options = { connectionString: string; channel?: string; instanceId?: string };

export function createPostgresEventBus({ connectionString, channel = EVENTS_CHANNEL, instanceId = "" }: Options): PostgresEventBus {
  const origin = randomUUID();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const applicationName = `lp-events ${instanceId}`.trim().slice(0, 63);
  let closed = false;

  // --- LISTEN side
  let client: Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let up = false;
  let waiters: (() => void)[] = [];
  const connect = async (delay: number) => {
    if (closed) return;
    const next = new Client({ connectionString, application_name: applicationName, keepAlive: true, connectionTimeoutMillis: 5000, query_timeout: 10_000 });
    client = next;
    let failed = false;
    const retry = (reason: unknown) => {
      if (failed || closed) return;
      failed = true;
      up = false;
      clearInterval(pingTimer);
      if (delay === RECONNECT_MIN_MS) log.warn("event bus: LISTEN connection lost; reconnecting", { reason: errorMessage(reason) });
      next.removeAllListeners("notification");
      void next.end().catch(() => {});
      reconnectTimer = setTimeout(() => void connect(Math.min(delay * 2, RECONNECT_MAX_MS)), delay);
      reconnectTimer.unref();
    };
    next.on("error", retry);
    next.on("end", () => retry(new Error("connection ended")));
    next.on("notification", (note) => note.channel === channel && deliver(note.payload));
    try {
      await next.connect();
      unref(next);
      await next.query(`LISTEN ${quoteIdentifier(channel)}`);
      if (closed || failed) return;
      if (delay > RECONNECT_MIN_MS) log.info("event bus: LISTEN connection restored");
      up = true;
      pingTimer = setInterval(() => void next.query("SELECT 1").catch(retry), PING_MS);
      pingTimer.unref();
      // Next loss starts the backoff over (and is logged again).
      delay = RECONNECT_MIN_MS;
      for (const wake of waiters) wake();
      waiters = [];
    } catch (error) {
      retry(error);
    }
  };
  const deliver = (payload: string | undefined) => {
    try {
      const event = JSON.parse(payload ?? "") as { o?: unknown; t?: unknown; m?: unknown };
      if (event.o === origin || typeof event.t !== "string" || typeof event.m !== "string") return;
      emitter.emit(event.t, event.m);
    } catch {
      /* not ours: someone else NOTIFYing on the channel */
    }
  };
  void connect(RECONNECT_MIN_MS);

  // --- NOTIFY side: one query in flight; what is published meanwhile goes in the next batch.
  // allowExitOnIdle: the pool's 30 s idle timer must not keep a finished script (a worker) alive.
  const pool = new Pool({ connectionString, max: 1, idleTimeoutMillis: 30_000, application_name: applicationName, connectionTimeoutMillis: 5000, allowExitOnIdle: true });
  pool.on("error", (error) => log.warn("event bus: NOTIFY connection error", { reason: errorMessage(error) }));
  pool.on("connect", unref);
  let queue: string[] = [];
  let sending: Promise<void> | undefined;
  const flush = async () => {
    while (queue.length && !closed) {
      const batch = queue;
      queue = [];
      try {
        // One statement, rows in order: pg_notify keeps the order within a transaction.
        await pool.query("SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n", [channel, batch]);
      } catch (error) {
        log.warn("event bus: NOTIFY failed; other instances miss these events", { events: batch.length, reason: errorMessage(error) });
      }
    }
    sending = undefined;
  };

  return {
    publish(topic, message) {
      const payload = JSON.stringify({ o: origin, t: topic, m: message });
      if (Buffer.byteLength(payload) > NOTIFY_PAYLOAD_MAX_BYTES) {
        throw new Error(`event too large for NOTIFY (${Buffer.byteLength(payload)} bytes with its envelope; at most ${NOTIFY_PAYLOAD_MAX_BYTES})`);
      }
      emitter.emit(topic, message);
      if (closed) return;
      if (queue.length >= QUEUE_MAX) queue.shift();
      queue.push(payload);
      sending ??= flush();
    },
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => void emitter.off(topic, listener);
    },
    listening: () => (up ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async close() {
      await sending;
      closed = true;
      clearTimeout(reconnectTimer);
      clearInterval(pingTimer);
      await Promise.allSettled([client?.end(), pool.end()]);
    },
  };
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
