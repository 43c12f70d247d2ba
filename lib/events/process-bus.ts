import "server-only";
import { EventEmitter } from "node:events";

// One in-process EventEmitter per name, kept on globalThis because Next.js may load a module once
// per route bundle while the publisher and the listeners must share the same emitter.
const globalForBuses = globalThis as unknown as { __processBuses?: Map<string, EventEmitter> };

export function processBus(name: string): EventEmitter {
  globalForBuses.__processBuses ??= new Map();
  let bus = globalForBuses.__processBuses.get(name);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    globalForBuses.__processBuses.set(name, bus);
  }
  return bus;
}
