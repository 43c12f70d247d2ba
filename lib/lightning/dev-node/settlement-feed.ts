import "server-only";
import { EventEmitter } from "node:events";

// Wakes the development node's settlement followers the moment its wallet settles an invoice in
// this process. Followers then read the database, which also catches settlements made by another
// process (the `npm run dev-wallet` command) on their next poll.
const globalForFeed = globalThis as unknown as { __devSettlementFeed?: EventEmitter };

export function devSettlementFeed(): EventEmitter {
  if (!globalForFeed.__devSettlementFeed) {
    globalForFeed.__devSettlementFeed = new EventEmitter();
    globalForFeed.__devSettlementFeed.setMaxListeners(100);
  }
  return globalForFeed.__devSettlementFeed;
}
