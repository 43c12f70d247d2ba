import type { PaymentPurpose } from "@/lib/payments/payment-status";

// What each paid action declares (after Stacker News' paid actions): what it is for, what it
// costs, and the text on the invoice. Payment creation and settlement are shared by all.
export type PaidAction<Subject> = {
  purpose: PaymentPurpose;
  amountSats(subject: Subject): number;
  invoiceDescription(subject: Subject, siteName: string): string;
};
