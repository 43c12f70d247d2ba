import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { fetchJson } from "@/lib/http/outgoing-json";
import { lightning } from "@/lib/lightning/lightning";

// Paying a Lightning Address (LUD-16): name@domain -> GET https://domain/.well-known/lnurlp/name
// (a LUD-06 payRequest) -> GET callback?amount=<msats> -> {pr}. The invoice must be for exactly
// that amount and commit to sha256(metadata) (description_hash), or the site does not pay it.

export const PAYOUT_ADDRESS = /^[a-z0-9._+-]{1,64}@(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}(?::\d{1,5})?$/;

const payRequest = z.object({
  tag: z.literal("payRequest"),
  callback: z.string().max(2000),
  minSendable: z.number().int().positive(),
  maxSendable: z.number().int().positive(),
  metadata: z.string().max(20_000),
});
const invoiceAnswer = z.object({ pr: z.string().min(1).max(4000) });

type PayRequest = z.infer<typeof payRequest>;

function wellKnownUrl(address: string): string {
  const [name, domain] = address.toLowerCase().split("@") as [string, string];
  const scheme = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(domain) ? "http" : "https";
  return `${scheme}://${domain}/.well-known/lnurlp/${encodeURIComponent(name)}`;
}

/** The address's payRequest; a clear 4xx/502 when it is not a working Lightning Address. */
export async function lookUpAddress(address: string): Promise<PayRequest> {
  if (!PAYOUT_ADDRESS.test(address.toLowerCase())) throw new AppError(400, "A Lightning Address looks like name@example.com", "invalid_address");
  const answer = await fetchJson(wellKnownUrl(address));
  const reason = z.object({ status: z.literal("ERROR"), reason: z.string().max(300) }).safeParse(answer);
  if (reason.success) throw new AppError(502, `${address}: ${reason.data.reason}`, "address_error");
  const parsed = payRequest.safeParse(answer);
  if (!parsed.success || parsed.data.minSendable > parsed.data.maxSendable) throw new AppError(502, `${address} is not a Lightning Address (no valid payRequest)`, "invalid_address");
  return parsed.data;
}

/** An invoice of the address for the amount, checked: amount and description_hash. */
export async function invoiceFromAddress(address: string, wantedMsats: bigint): Promise<{ paymentRequest: string; amountMsats: bigint }> {
  const request = await lookUpAddress(address);
  let amount = wantedMsats;
  if (amount > BigInt(request.maxSendable)) amount = BigInt(request.maxSendable);
  amount -= amount % 1000n; // whole sats: some wallets refuse msat amounts
  if (amount < BigInt(request.minSendable)) throw new AppError(400, `${address} takes at least ${request.minSendable} msats`, "below_address_minimum");
  const callback = new URL(request.callback);
  callback.searchParams.set("amount", amount.toString());
  const answer = await fetchJson(callback.toString());
  const parsed = invoiceAnswer.safeParse(answer);
  if (!parsed.success) throw new AppError(502, `${address} gave no invoice`, "address_error");
  const invoice = await lightning().decodeInvoice(parsed.data.pr);
  if (invoice.amountMsats !== amount) throw new AppError(502, `${address} gave an invoice for another amount`, "address_bad_invoice");
  const expected = createHash("sha256").update(request.metadata, "utf8").digest("hex");
  if (invoice.descriptionHash !== expected) throw new AppError(502, `${address} gave an invoice that does not commit to its metadata`, "address_bad_invoice");
  return { paymentRequest: invoice.paymentRequest, amountMsats: amount };
}
