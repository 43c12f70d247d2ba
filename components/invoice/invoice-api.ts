// The browser's calls about invoices, for every invoice panel (paywall, upvotes): one place that
// knows the routes and the error shape {error: {code, message}}.

export type WaitingInvoice = { paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: string; amountSats: number; qrSvg: string };
export type PaymentCheck = { ok: true; status: string } | { ok: false; message: string };

async function call(url: string, value?: unknown): Promise<{ ok: boolean; status: number; body: Record<string, unknown> & { error?: { message?: string } } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: value === undefined ? {} : { "Content-Type": "application/json" },
    body: value === undefined ? undefined : JSON.stringify(value),
    cache: "no-store",
  });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

const messageOf = (body: { error?: { message?: string } }, fallback: string) => body.error?.message ?? fallback;

/** "Check payment": asks the node now. */
export async function checkPayment(paymentId: string): Promise<PaymentCheck> {
  const { ok, body } = await call(`/api/payments/${paymentId}/check`);
  return ok ? { ok: true, status: String(body.status) } : { ok: false, message: messageOf(body, "Could not check the payment") };
}

/** The development node's wallet pays the invoice (development and tests only); an error message or null. */
export async function payWithDevWallet(invoice: string): Promise<string | null> {
  const { ok, body } = await call("/api/dev/wallet/pay", { invoice });
  return ok ? null : messageOf(body, "The dev wallet could not pay");
}

export type UpvoteStart = ({ state: "waiting"; split: string } & WaitingInvoice) | { state: "paid"; paymentId: string };

/** Starts this browser's upvote of an article (or resumes its open one). */
export async function requestUpvote(articleId: string): Promise<{ ok: true; value: UpvoteStart } | { ok: false; message: string }> {
  const { ok, status, body } = await call(`/api/articles/${articleId}/upvotes`, {}).catch(() => ({ ok: false, status: 0, body: {} }));
  if (ok) return { ok: true, value: body as unknown as UpvoteStart };
  return { ok: false, message: messageOf(body, status ? `The site answered ${status}; try again.` : "Could not reach the site; check your connection.") };
}

export type ReceiptEmailResult = { ok: true; status: "queued" | "on_payment" } | { ok: false; message: string };

/**
 * "Email me the receipt" for one of this browser's payments: before it is paid the address is
 * kept and the receipt is mailed when it completes; after, the receipt is mailed now.
 */
export async function requestReceiptEmail(paymentId: string, email: string): Promise<ReceiptEmailResult> {
  const { ok, status, body } = await call(`/api/payments/${paymentId}/receipt-email`, { email }).catch(() => ({ ok: false, status: 0, body: {} as Record<string, unknown> }));
  if (ok) return { ok: true, status: body.status === "on_payment" ? "on_payment" : "queued" };
  return { ok: false, message: messageOf(body, status ? "Could not send the receipt" : "Network error: try again") };
}

export type GiftStart = ({ state: "waiting" } & WaitingInvoice) | { state: "paid"; paymentId: string };
/** A paid gift as its giver sees it (GET /api/payments/<id>/gift). */
export type SentGift = { paymentId: string; kind: string; title: string; amountSats: number; boughtAt: string; claimedAt: string | null; claimUrl: string; receiptUrl: string | null };

/** Starts this browser's purchase of a gift (or resumes its open invoice for the same item). */
export async function requestGift(kind: string, id: string): Promise<{ ok: true; value: GiftStart } | { ok: false; message: string }> {
  const { ok, status, body } = await call("/api/gifts", { kind, id }).catch(() => ({ ok: false, status: 0, body: {} }));
  if (ok) return { ok: true, value: body as unknown as GiftStart };
  return { ok: false, message: messageOf(body, status ? `The site answered ${status}; try again.` : "Could not reach the site; check your connection.") };
}

/** The claim link of a paid gift, for its giver. */
export async function fetchSentGift(paymentId: string): Promise<{ ok: true; value: SentGift } | { ok: false; message: string }> {
  const response = await fetch(`/api/payments/${paymentId}/gift`, { cache: "no-store" }).catch(() => null);
  const body = ((await response?.json().catch(() => ({}))) ?? {}) as Record<string, unknown> & { error?: { message?: string } };
  if (response?.ok) return { ok: true, value: body as unknown as SentGift };
  return { ok: false, message: messageOf(body, "Could not load your gift link; find it in your library.") };
}

export type ViewInvoiceStart = ({ state: "waiting"; verifiedEmail: string | null } & WaitingInvoice) | { state: "paid" };

/** This browser's invoice for reading an article (a first visit's paywall); `code` names a refusal. */
export async function requestViewInvoice(url: string): Promise<{ ok: true; value: ViewInvoiceStart } | { ok: false; status: number; code: string; message: string }> {
  const { ok, status, body } = await call(url, {}).catch(() => ({ ok: false, status: 0, body: {} as Record<string, unknown> & { error?: { message?: string } } }));
  if (ok) return { ok: true, value: body as unknown as ViewInvoiceStart };
  const code = String((body.error as { code?: unknown } | undefined)?.code ?? "");
  return { ok: false, status, code, message: messageOf(body, status ? `The site answered ${status}; try again.` : "Could not reach the site; check your connection.") };
}
