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
