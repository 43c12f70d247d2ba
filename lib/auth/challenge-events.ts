import "server-only";
import { processBus } from "@/lib/events/process-bus";

// In-process signal that a challenge was answered, so the sign-in page's long poll returns the
// moment the wallet calls back instead of on its next tick.
const bus = () => processBus("login-challenges");

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
