import { cookieHeader, get, post } from "./http";

export type NewReaderInvoice = {
  cookie: string;
  invoice: string;
  paymentId: string;
  qrSvg: string;
  expiresAt: string;
  amountSats: number;
  /** Everything the reader was sent: the first visit's page, then the invoice route's answer. */
  html: string;
};

/**
 * A new reader opening a paid article, as a browser does: the page (which gets the buyer cookie
 * and creates no invoice) names the invoice route in its paywall (data-invoice-url); the paywall
 * asks it for the invoice, sending the cookie back.
 */
export async function newReaderInvoice(baseUrl: string, slug: string, origin?: string): Promise<NewReaderInvoice> {
  return askForInvoice(baseUrl, await firstVisit(baseUrl, slug), origin);
}

export type FirstVisit = { cookie: string; invoiceUrl: string; html: string };

/** The first visit's page: the buyer cookie and the invoice route its paywall names. */
export async function firstVisit(baseUrl: string, slug: string): Promise<FirstVisit> {
  const first = await get(`${baseUrl}/articles/${slug}`);
  return { cookie: cookieHeader(first.cookies), invoiceUrl: invoiceUrlIn(first.text), html: first.text };
}

/**
 * The paywall's request for the invoice, the cookie sent back, and the Origin a browser sends:
 * the site's (SITE_URL's), which differs from baseUrl when a test reaches one instance of a
 * cluster directly.
 */
export async function askForInvoice(baseUrl: string, visit: FirstVisit, origin = baseUrl): Promise<NewReaderInvoice> {
  const { cookie, invoiceUrl: url } = visit;
  const answer = await post(`${baseUrl}${url}`, "{}", { cookie, headers: { "content-type": "application/json", origin: new URL(origin).origin } });
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  const body = JSON.parse(answer.text) as { state: string; paymentRequest?: string; paymentId?: string; qrSvg?: string; expiresAt?: string; amountSats?: number };
  if (body.state !== "waiting" || !body.paymentRequest || !body.paymentId || !body.qrSvg) throw new Error(`${url} gave no invoice: ${answer.text.slice(0, 200)}`);
  return {
    cookie,
    invoice: body.paymentRequest,
    paymentId: body.paymentId,
    qrSvg: body.qrSvg,
    expiresAt: body.expiresAt!,
    amountSats: body.amountSats!,
    html: `${visit.html}\n${answer.text}`,
  };
}

/** The invoice route a first visit's paywall asks (its data-invoice-url). */
export function invoiceUrlIn(html: string): string {
  const match = /data-invoice-url="(\/api\/articles\/[a-z0-9]{20,32}\/invoice)"/.exec(html);
  if (!match) throw new Error("no first-visit paywall with an invoice route in the page");
  return match[1]!;
}
