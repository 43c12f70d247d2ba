// Run as a separate process by the cross-process settle test: applies the same settlement
// several times at once and prints how many of its attempts made the change.
import { disconnectDb } from "@/lib/db/client";
import { markSettled } from "@/lib/payments/transitions";

const [paymentHash, settleIndex, msats] = process.argv.slice(2);
const settlement = { paymentHash: paymentHash!, settleIndex: Number(settleIndex), settledAt: new Date(), receivedMsats: BigInt(msats!) };
const results = await Promise.all(Array.from({ length: 10 }, () => markSettled(settlement)));
console.log(`WON=${results.filter(Boolean).length}`);
await disconnectDb();
