import { readFileSync } from "node:fs";
import { authenticatedLndGrpc, pay } from "lightning";
import { bobFiles } from "./regtest-network";

// Bob is the reader's wallet in the LND tests: a real LND node paying real invoices through a
// real channel. (Test support, not the site: the site reaches Lightning only through lib/lightning/.)
export function bobWallet() {
  const files = bobFiles();
  const { lnd } = authenticatedLndGrpc({
    socket: files.socket,
    cert: readFileSync(files.cert).toString("base64"),
    macaroon: readFileSync(files.macaroon).toString("base64"),
  });
  return {
    async pay(request: string): Promise<{ preimage: string }> {
      const paid = await pay({ lnd, request, max_fee: 10 });
      return { preimage: paid.secret };
    },
  };
}
