import "server-only";
import { createHash } from "node:crypto";

// LNURL-pay metadata (LUD-06, LUD-16): what the wallet shows before paying, as a JSON string.
// The invoice commits to it by its sha256 (description_hash), and wallets check that hash
// against the exact string they were served, so both the payRequest and the invoice build it
// here, from the same inputs. Two kinds of tip use it: an author's Lightning Address and an
// article (whose tip its authors share).

export type TipRecipient = { userId: string; displayName: string; lightningName: string };
export type TippedArticle = { id: string; title: string };

/** LUD-06 requires text/plain; text/identifier (LUD-16) only where there is an address. */
function payMetadata(text: string, identifier?: string): string {
  return JSON.stringify(identifier === undefined ? [["text/plain", text]] : [["text/plain", text], ["text/identifier", identifier]]);
}

/** host: the site's host (with its port, if any), as in the Lightning Address the wallet used. */
export function tipMetadata(recipient: TipRecipient, siteName: string, host: string): string {
  return payMetadata(`Tip ${recipient.displayName} on ${siteName}`, lightningAddress(recipient.lightningName, host));
}

/** An article's tip has no Lightning Address (no LUD-16 identifier): the title says what it is for. */
export function articleTipMetadata(article: TippedArticle, siteName: string): string {
  return payMetadata(`Tip for ${article.title} on ${siteName}`);
}

export function lightningAddress(name: string, host: string): string {
  return `${name}@${host}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** LUD-09: what the wallet shows once paid (at most 144 characters). */
export function tipThanks(recipient: TipRecipient): string {
  return `Thank you! Your tip reached ${recipient.displayName}.`.slice(0, 144);
}

export function articleTipThanks(article: TippedArticle): string {
  return `Thank you! Your tip for ${article.title} reached its authors.`.slice(0, 144);
}
