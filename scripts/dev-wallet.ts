// npm run dev-wallet -- pay <bolt11>
// Pays an invoice of the built-in development node from the terminal, like a reader's wallet.
// Works whether or not the site is running: it settles the invoice in the database, and the site
// credits it from its settlement stream (or, if stopped, when it starts again).
import { disconnectDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { devNodeAllowed } from "@/lib/lightning/lightning";

async function main() {
  const [command, invoice] = process.argv.slice(2);
  if (command !== "pay" || !invoice) {
    console.error("usage: npm run dev-wallet -- pay <bolt11 invoice>");
    return 2;
  }
  // Same rule as the site (lib/build-kind.ts): never against a production setup or an LND backend.
  if (!devNodeAllowed()) {
    console.error("refused: the dev wallet pays only the development node, in development (no LND settings, NODE_ENV not production)");
    return 1;
  }
  try {
    const paid = await payWithDevWallet(invoice);
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
