// A withdrawal's life: requested (ledger debited, nothing sent) -> in_flight (handed to the node)
// -> paid | failed (credited back). Each transition is one conditional UPDATE allowed only from
// these states, so two processes (or a request and the recovery run) settle it once.
export const WITHDRAWAL_STATUSES = ["requested", "in_flight", "paid", "failed"] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];

export const ALLOWED_FROM: Record<Exclude<WithdrawalStatus, "requested">, readonly WithdrawalStatus[]> = {
  in_flight: ["requested"],
  // From requested too: recovery may find a payment the node made although we never saw in_flight
  // committed (it cannot happen in this order, but the node's word is what counts).
  paid: ["requested", "in_flight"],
  failed: ["requested", "in_flight"],
};

export const WITHDRAWAL_METHODS = ["lnurl", "invoice", "payout"] as const;
export type WithdrawalMethod = (typeof WITHDRAWAL_METHODS)[number];

/** Journals of one withdrawal: the debit, the fee settlement when paid, the credit back when failed. */
export const withdrawalJournal = (id: string) => `withdrawal:${id}`;
export const withdrawalFeeJournal = (id: string) => `withdrawal-fee:${id}`;
export const withdrawalRefundJournal = (id: string) => `withdrawal-refund:${id}`;
