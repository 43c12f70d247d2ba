import "server-only";
import { errorMessage, log } from "@/lib/log";

// A background job of the server process (started from lib/startup.ts): runs at start and then
// every `everyMs`; a tick never overlaps the previous one (a slow run makes the next tick a
// no-op); a failing run is logged and the next tick tries again. One per process and name: the
// worker lives on globalThis because Next.js may load this module once per bundle.
export type PeriodicWorker = { stop: () => void; wake: () => void };

const globalForWorkers = globalThis as unknown as { __periodicWorkers?: Map<string, PeriodicWorker> };
const workers = () => (globalForWorkers.__periodicWorkers ??= new Map());

export function startPeriodicWorker(name: string, everyMs: number, run: () => Promise<unknown>): PeriodicWorker {
  const existing = workers().get(name);
  if (existing) return existing;
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await run();
    } catch (error) {
      log.warn(`${name} tick failed`, { reason: errorMessage(error) });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  const worker: PeriodicWorker = {
    wake: () => void tick(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      workers().delete(name);
    },
  };
  workers().set(name, worker);
  return worker;
}

/** Runs the named worker now (if it is started), instead of waiting for its next tick. */
export function wakePeriodicWorker(name: string) {
  workers().get(name)?.wake();
}

export function periodicWorkerStarted(name: string): boolean {
  return workers().has(name);
}
