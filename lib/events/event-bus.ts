import "server-only";
import { EventEmitter } from "node:events";
import { clusterDatabaseUrl, instanceId } from "@/lib/cluster/cluster-database";
import { isPostgresUrl } from "@/lib/db/dialect";
import { createPostgresEventBus } from "@/lib/events/postgres-event-bus";

/**
 * Publish/subscribe of the site's events (payment status changes, answered sign-in challenges).
 * Messages are strings so that an implementation shared by several processes (PostgreSQL
 * LISTEN/NOTIFY, postgres-event-bus.ts) carries them unchanged; callers never see which one runs.
 */
export interface EventBus {
  publish(topic: string, message: string): void;
  /** Calls `listener` for every message on `topic` until the returned function is called. */
  subscribe(topic: string, listener: (message: string) => void): () => void;
}

// On SQLite one in-process EventEmitter, on PostgreSQL LISTEN/NOTIFY shared by every instance;
// kept on globalThis because Next.js may load a module once per route bundle while publishers
// and subscribers must share it.
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

/** The bus for a database URL: shared over PostgreSQL, in-process on SQLite. */
export function eventBusFor(databaseUrl: string | undefined, instance = ""): EventBus {
  return databaseUrl && isPostgresUrl(databaseUrl) ? createPostgresEventBus({ connectionString: databaseUrl, instanceId: instance }) : processEventBus();
}

export function eventBus(): EventBus {
  globalForBus.__eventBus ??= eventBusFor(clusterDatabaseUrl(), instanceId());
  return globalForBus.__eventBus;
}
