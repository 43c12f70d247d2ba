import { readFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { authenticatedLndGrpc, cancelHodlInvoice, createHodlInvoice, createInvoice, getInvoice, pay, settleHodlInvoice } from "lightning";
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
    /** An ordinary invoice of bob's (the site withdraws to it). */
    async invoice(sats: number, description = "withdrawal to bob") {
      const made = await createInvoice({ lnd, tokens: sats, description });
      return { paymentRequest: made.request, paymentHash: made.id };
    },
    /** A HOLD invoice: bob accepts the payment but settles (or cancels) it only when told. */
    async holdInvoice(sats: number) {
      const secret = randomBytes(32).toString("hex");
      const id = createHash("sha256").update(Buffer.from(secret, "hex")).digest("hex");
      const made = await createHodlInvoice({ lnd, id, tokens: sats, description: "held withdrawal" });
      return { paymentRequest: made.request, paymentHash: id, secret };
    },
    settleHold: (secret: string) => settleHodlInvoice({ lnd, secret }),
    cancelHold: (paymentHash: string) => cancelHodlInvoice({ lnd, id: paymentHash }),
    /** What bob's node says about one of its invoices. */
    async received(paymentHash: string) {
      const invoice = await getInvoice({ lnd, id: paymentHash });
      return { confirmed: invoice.is_confirmed, held: Boolean(invoice.is_held), canceled: Boolean(invoice.is_canceled), receivedMsats: BigInt(invoice.received_mtokens), htlcs: invoice.payments.length };
    },
  };
}
