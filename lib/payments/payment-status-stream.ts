import "server-only";
import { db } from "@/lib/db/client";
import type { PaymentStatus } from "@/lib/payments/payment-status";
import { type StatusWatcher, unwatchPayment, watchPayment } from "@/lib/payments/status-stream-hub";

const FINAL: ReadonlySet<string> = new Set<PaymentStatus>(["complete", "expired"]);

// Frames are encoded once and shared by every stream (a chunk is only read after enqueue).
const encoder = new TextEncoder();
const RETRY = encoder.encode("retry: 2000\n\n");
const PING = encoder.encode(": ping\n\n");
const frames = new Map<string, Uint8Array>();
function statusFrame(status: string): Uint8Array {
  let frame = frames.get(status);
  if (!frame) {
    frame = encoder.encode(`event: status\ndata: ${JSON.stringify({ status })}\n\n`);
    // The statuses are a handful; anything else is encoded each time rather than kept.
    if (frames.size < 16) frames.set(status, frame);
  }
  return frame;
}

/**
 * One reader's stream: a small object and no closures, no timers of its own (the hub's
 * heartbeat and re-check serve all streams), listening for the request's abort as an
 * EventListener object.
 */
class StatusStream implements StatusWatcher, UnderlyingDefaultSource<Uint8Array> {
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private last: string | undefined;
  private closed = false;

  constructor(
    readonly paymentId: string,
    private readonly signal: AbortSignal,
    private unlock: Unlock | undefined,
  ) {}

  start(controller: ReadableStreamDefaultController<Uint8Array>) {
    this.controller = controller;
    // The reader may have left while the route was reading the payment: then "abort" has
    // already fired and will not again.
    if (this.signal.aborted) return this.close();
    this.signal.addEventListener("abort", this);
    // Watch before the first read so a change in between is not lost.
    watchPayment(this);
    this.push(RETRY);
    db()
      .payment.findUnique({ where: { id: this.paymentId }, select: { status: true } })
      .then((payment) => payment && this.deliver(payment.status))
      .catch(() => this.close());
  }

  cancel() {
    this.close();
  }

  /** The request's abort signal: the reader went away. */
  handleEvent() {
    this.close();
  }

  deliver(status: string) {
    if (this.closed || status === this.last) return;
    this.last = status;
    const unlock = status === "complete" ? this.unlock : undefined;
    if (!unlock) return this.finish(status);
    this.unlock = undefined;
    // What the payment unlocked goes out before "complete", so the page has it when it hears it.
    unlock().then(
      (html) => {
        if (html !== null) this.push(encoder.encode(`event: body\ndata: ${JSON.stringify({ html })}\n\n`));
        this.finish(status);
      },
      () => this.finish(status),
    );
  }

  private finish(status: string) {
    this.push(statusFrame(status));
    if (FINAL.has(status)) this.close();
  }

  ping() {
    this.push(PING);
  }

  private push(chunk: Uint8Array) {
    if (this.closed) return;
    try {
      this.controller!.enqueue(chunk);
    } catch {
      this.close(); // the consumer is gone
    }
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    unwatchPayment(this);
    this.signal.removeEventListener("abort", this);
    try {
      this.controller?.close();
    } catch {
      /* already closed or cancelled */
    }
    this.controller = undefined;
  }
}

/**
 * What a completed payment opens, as HTML for this stream's reader, or null (nothing to show, or
 * this reader may not read it). Asked once, when the status turns "complete".
 */
export type Unlock = () => Promise<string | null>;

/**
 * An SSE body that sends the payment's status now and on every change, and ends on a final one.
 * With `unlock`, "complete" is preceded by a `body` event carrying what the payment unlocked.
 */
export function paymentStatusStream(paymentId: string, signal: AbortSignal, unlock?: Unlock): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(new StatusStream(paymentId, signal, unlock));
}
