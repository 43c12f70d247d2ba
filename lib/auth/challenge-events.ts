import "server-only";
import { eventBus } from "@/lib/events/event-bus";

// A signal that a challenge was answered, so the sign-in page's long poll returns the moment the
// wallet calls back instead of on its next tick.
const topic = (k1: string) => `login-challenge:${k1}`;

export function publishChallengeAnswered(k1: string) {
  eventBus().publish(topic(k1), "answered");
}

/** Resolves when the challenge is answered, or after timeoutMs, or when the request is aborted. */
export function waitForAnswer(k1: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = eventBus().subscribe(topic(k1), done);
    signal.addEventListener("abort", done);
  });
}
