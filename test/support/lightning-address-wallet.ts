import { createHash } from "node:crypto";
import { LightningAddress } from "@getalby/lightning-tools/lnurl";
import bolt11 from "bolt11";

// The wallet side of a Lightning Address tip, through a real client library (Alby's
// lightning-tools): resolve name@host (LUD-16), read the payRequest (LUD-06), ask the callback
// for an invoice (with a LUD-12 comment). The library builds https://<domain>/... URLs and wants a
// domain with a TLD, so the test points its one URL method at the test server over http.
export class TestLightningAddress extends LightningAddress {
  constructor(
    readonly name: string,
    private readonly baseUrl: string,
  ) {
    super(`${name}@${new URL(baseUrl).host}`, { proxy: false });
    this.username = name;
    this.domain = new URL(baseUrl).host;
  }
  override lnurlpUrl() {
    return `${this.baseUrl}/.well-known/lnurlp/${this.username}`;
  }
  // Not served by the site (no keysend, no zaps): kept on the test server, where they 404.
  override keysendUrl() {
    return `${this.baseUrl}/.well-known/keysend/${this.username}`;
  }
  override nostrUrl() {
    return `${this.baseUrl}/.well-known/nostr.json?name=${this.username}`;
  }
}

const REGTEST = { bech32: "bcrt", pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] };

/** What a careful wallet checks in the invoice it got: amount and the hash it commits to (LUD-06). */
export function invoiceCommitment(paymentRequest: string): { millisatoshis: bigint; descriptionHash: string | undefined; description: string | undefined; paymentHash: string } {
  const decoded = bolt11.decode(paymentRequest, REGTEST);
  const tag = (name: string) => decoded.tags.find((entry) => entry.tagName === name)?.data as string | undefined;
  return {
    millisatoshis: BigInt(decoded.millisatoshis ?? "0"),
    descriptionHash: tag("purpose_commit_hash"),
    description: tag("description"),
    paymentHash: tag("payment_hash")!,
  };
}

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The callback URL for an amount (msats, as sent: a test may send nonsense) and comment. */
export function callbackFor(callback: string, amount: string, comment?: string): string {
  const url = new URL(callback);
  url.searchParams.set("amount", amount);
  if (comment !== undefined) url.searchParams.set("comment", comment);
  return url.toString();
}
