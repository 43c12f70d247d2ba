import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { eventBus } from "@/lib/events/event-bus";
import type { PostgresEventBus } from "@/lib/events/postgres-event-bus";
import { publishPaymentStatus } from "@/lib/payments/payment-events";
import { paymentStatusStream } from "@/lib/payments/payment-status-stream";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

// 10,000 readers may wait at once: every stream that ends (the reader left, the consumer
// cancelled, a final status) must give back its bus subscription and timers, and open streams
// must not cost a timer or a database poll each.

let live = 0;
let articleId: string;
// On PostgreSQL the bus keeps a LISTEN connection with a ping timer of its own: connect it under
// real timers first, so the counts below are the streams' and the hub's alone.
beforeAll(async () => {
  const bus = eventBus();
  bus.subscribe("warm-up", () => {});
  if ("listening" in bus) await (bus as PostgresEventBus).listening();
});
beforeEach(async () => {
  await useFreshDatabase();
  articleId = (await createArticle({ priceSats: 100 })).id;
  // Only intervals are faked: Prisma's own timers must run for real.
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  live = 0;
  const bus = eventBus();
  const subscribe = bus.subscribe.bind(bus);
  vi.spyOn(bus, "subscribe").mockImplementation((topic, listener) => {
    live++;
    const unsubscribe = subscribe(topic, listener);
    let done = false;
    return () => {
      if (!done) live--;
      done = true;
      unsubscribe();
    };
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function waitingPayment(): Promise<string> {
  const buyer = await db().buyer.create({ data: { id: buyerId() } });
  const payment = await db().payment.create({
    data: { buyerId: buyer.id, articleId, purpose: "view", amountSats: 100, status: "pending_payment", invoiceExpiresAt: new Date(Date.now() + 3600_000) },
  });
  return payment.id;
}

/** Reads frames until one carries `status` (or the stream ends); returns every status seen. */
function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, status: string | null): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`stream still open after 3 s (waiting for ${status ?? "its end"})`)), 3000)));
  return Promise.race([read(reader, status), timeout]).finally(() => clearTimeout(timer));
}

async function read(reader: ReadableStreamDefaultReader<Uint8Array>, status: string | null): Promise<string[]> {
  const decoder = new TextDecoder();
  const seen: string[] = [];
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return seen;
    text += decoder.decode(value, { stream: true });
    for (const match of text.matchAll(/data: (\{[^\n]*\})\n\n/g)) seen.push((JSON.parse(match[1]!) as { status: string }).status);
    text = text.slice(text.lastIndexOf("\n\n") + 2);
    if (status !== null && seen.includes(status)) return seen;
  }
}

async function openStream(paymentId: string) {
  const controller = new AbortController();
  const reader = paymentStatusStream(paymentId, controller.signal).getReader();
  expect(await readUntil(reader, "pending_payment")).toContain("pending_payment");
  return { controller, reader };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("payment status streams", () => {
  it("release their bus subscription and timers when the reader leaves, the consumer cancels, or the status is final", async () => {
    const [a, b, c] = [await openStream(await waitingPayment()), await openStream(await waitingPayment()), await waitingPayment()];
    const third = await openStream(c);
    expect(live).toBe(3);

    a.controller.abort();
    await b.reader.cancel();
    publishPaymentStatus(c, "complete");
    expect(await readUntil(third.reader, null)).toEqual(["complete"]);
    await settle();

    expect(live).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("release everything when the reader left before the stream started (while the route read the payment)", async () => {
    const paymentId = await waitingPayment();
    const controller = new AbortController();
    controller.abort();
    const reader = paymentStatusStream(paymentId, controller.signal).getReader();
    await readUntil(reader, null);
    await settle();

    expect(live).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("share their timers and one subscription per payment, however many streams are open", async () => {
    const payments = await Promise.all(Array.from({ length: 50 }, () => waitingPayment()));
    const streams = await Promise.all([...payments, ...payments].map((id) => openStream(id)));

    expect(live).toBe(50);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(2);

    publishPaymentStatus(payments[0]!, "complete");
    for (const stream of [streams[0]!, streams[50]!]) expect(await readUntil(stream.reader, null)).toEqual(["complete"]);
    for (const stream of streams.slice(1, 50).concat(streams.slice(51))) stream.controller.abort();
    await settle();
    expect(live).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("still hear a change made without an event (another process), from the shared re-check", async () => {
    const paymentId = await waitingPayment();
    const { reader } = await openStream(paymentId);
    await db().payment.update({ where: { id: paymentId }, data: { status: "expired" } });

    await vi.advanceTimersByTimeAsync(5_000);
    expect(await readUntil(reader, null)).toEqual(["expired"]);
    await settle();
    expect(live).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("send what a completed payment unlocked just before 'complete', asking once, and only on 'complete'", async () => {
    const paymentId = await waitingPayment();
    const asked: string[] = [];
    const unlock = vi.fn(async () => (asked.push("asked"), "<p>opened</p>"));
    const reader = paymentStatusStream(paymentId, new AbortController().signal, unlock).getReader();
    const text = readText(reader);
    await settle();
    publishPaymentStatus(paymentId, "pending_payment");
    publishPaymentStatus(paymentId, "complete");
    publishPaymentStatus(paymentId, "complete");
    const frames = await text;
    expect(unlock).toHaveBeenCalledTimes(1);
    const body = frames.indexOf(`event: body\ndata: ${JSON.stringify({ html: "<p>opened</p>" })}`);
    expect(body).toBeGreaterThan(-1);
    expect(frames.slice(body + 1)).toEqual([`event: status\ndata: ${JSON.stringify({ status: "complete" })}`]);

    // Nothing unlocked (a refusal) or a failure: "complete" alone.
    for (const refused of [async () => null, async () => Promise.reject(new Error("database gone"))]) {
      const id = await waitingPayment();
      const next = readText(paymentStatusStream(id, new AbortController().signal, refused).getReader());
      await settle();
      publishPaymentStatus(id, "complete");
      expect((await next).filter((frame) => frame.startsWith("event: body"))).toEqual([]);
    }
    // Expired: never asked.
    const expiring = await waitingPayment();
    const never = vi.fn(async () => "<p>no</p>");
    const last = readText(paymentStatusStream(expiring, new AbortController().signal, never).getReader());
    await settle();
    publishPaymentStatus(expiring, "expired");
    expect((await last).some((frame) => frame.includes("expired"))).toBe(true);
    expect(never).not.toHaveBeenCalled();
  });
});

/** Every frame (without comments and retry) until the stream ends. */
async function readText(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text.split("\n\n").filter((frame) => frame.startsWith("event:"));
}
