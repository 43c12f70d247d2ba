import "server-only";
import { EventEmitter } from "node:events";

/**
 * Publish/subscribe of the site's events (payment status changes, answered sign-in challenges).
 * Messages are strings so that an implementation shared by several processes (PostgreSQL
 * LISTEN/NOTIFY, later) can carry them unchanged; callers never see which one runs.
 */
export interface EventBus {
  publish(topic: string, message: string): void;
  /** Calls `listener` for every message on `topic` until the returned function is called. */
  subscribe(topic: string, listener: (message: string) => void): () => void;
}

// Today's implementation: one in-process EventEmitter, kept on globalThis because Next.js may
// load a module once per route bundle while publishers and subscribers must share it.
const globalForBus = globalThis as unknown as { __eventBus?: EventBus };

function processEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (topic, message) => void emitter.emit(topic, message),
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => void emitter.off(topic, listener);
    },
  };
}

export function eventBus(): EventBus {
  globalForBus.__eventBus ??= processEventBus();
  return globalForBus.__eventBus;
}
