// npm run dev-wallet -- pay <bolt11>
// npm run dev-wallet -- receive <sats>   (an invoice the development node can pay: withdrawals)
// Pays an invoice of the built-in development node from the terminal, like a reader's wallet.
// Works whether or not the site is running: it settles the invoice in the database, and the site
// credits it from its settlement stream (or, if stopped, when it starts again).
import { disconnectDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { devNodeAllowed } from "@/lib/lightning/lightning";

async function main() {
  const [command, invoice] = process.argv.slice(2);
  const receive = command === "receive" && /^\d{1,10}$/.test(invoice ?? "");
  if ((command !== "pay" || !invoice) && !receive) {
    console.error("usage: npm run dev-wallet -- pay <bolt11 invoice>\n       npm run dev-wallet -- receive <sats>");
    return 2;
  }
  // Same rule as the site (lib/build-kind.ts): never against a production setup or an LND backend.
  if (!devNodeAllowed()) {
    console.error("refused: the dev wallet pays only the development node, in development (no LND settings, NODE_ENV not production)");
    return 1;
  }
  try {
    if (receive) {
      const made = await receiveWithDevWallet({ amountMsats: BigInt(invoice!) * 1000n, description: "Dev wallet withdrawal" });
      console.log(made.paymentRequest);
      return 0;
    }
    const paid = await payWithDevWallet(invoice!);
    console.log(JSON.stringify(paid));
    return 0;
  } catch (error) {
    console.error(isAppError(error) ? `refused: ${error.message}` : `failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then(async (code) => {
  await disconnectDb();
  process.exitCode = code;
});
