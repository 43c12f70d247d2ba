import type { PaidAction } from "@/lib/payments/paid-action";

export type ViewSubject = { id: string; title: string; priceSats: number };

/** Paying to read an article. */
export const viewAction: PaidAction<ViewSubject> = {
  purpose: "view",
  amountSats: (article) => article.priceSats,
  // Wallets show this to the payer; keep it short and free of anything private.
  invoiceDescription: (article, siteName) => `${siteName}: ${article.title}`.slice(0, 200),
};
