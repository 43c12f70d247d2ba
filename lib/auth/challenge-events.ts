import "server-only";
import { EventEmitter } from "node:events";

// In-process signal that a challenge was answered, so the sign-in page's long poll returns the
// moment the wallet calls back instead of on its next tick. On globalThis because Next.js may
// load this module once per route bundle.
const globalForEvents = globalThis as unknown as { __challengeEvents?: EventEmitter };

function bus(): EventEmitter {
  if (!globalForEvents.__challengeEvents) {
    globalForEvents.__challengeEvents = new EventEmitter();
    globalForEvents.__challengeEvents.setMaxListeners(0);
  }
  return globalForEvents.__challengeEvents;
}

export function publishChallengeAnswered(k1: string) {
  bus().emit(k1);
}

/** Resolves when the challenge is answered, or after timeoutMs, or when the request is aborted. */
export function waitForAnswer(k1: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      bus().off(k1, done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    bus().once(k1, done);
    signal.addEventListener("abort", done);
  });
}
