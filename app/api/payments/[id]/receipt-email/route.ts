import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { receiptEmailSchema, requestReceiptMail } from "@/lib/mail/receipt-mail";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// Mails the receipt link of one of the reader's payments. Before it is paid the address is kept
// ("on_payment": queued in the transaction that completes it); after, queued in the outbox now.
// Answers at once, even when the mail server is down; asking twice for one address sends one mail.
export const POST = route({ params: (raw) => ({ id: parsePaymentId(raw.id ?? "") }) }, async ({ params, reader, json }) => {
  const { email } = await json(receiptEmailSchema);
  const result = await requestReceiptMail(params.id, email, await reader(), await siteOrigin());
  return NextResponse.json({ status: result.status, duplicate: result.status === "queued" && !result.queued }, { status: 202, headers: { "Cache-Control": "no-store" } });
});
