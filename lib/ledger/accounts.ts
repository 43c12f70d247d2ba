// Ledger account names. A person's money sits on their user account; an anonymous browser that
// earned upvote shares has its own, which becomes its user's when the browser's purchases are
// moved into an account (lib/auth/browser-purchases.ts): a balance counts both.
export const NODE_ACCOUNT = "node";
export const SITE_ACCOUNT = "site";

export const userAccount = (userId: string) => `user:${userId}`;
export const browserAccount = (buyerId: string) => `browser:${buyerId}`;

/** What an entry is for; dashboards sum by kind. */
export const ENTRY_KINDS = [
  "received", // node: what a settled payment brought in (debit)
  "sale", // author (and co-authors): article sales
  "upvote", // author (and co-authors): their share of an upvote
  "upvote_share", // earlier upvoters: their share of a later upvote
  "tip", // author (and co-authors): Lightning Address tips, and article tips by their shares
  "site_fee", // the site's cut
  "withdrawal", // user: money out (debit), node: paid out (credit)
  "fee_reserve", // user: routing fee held while a withdrawal is in flight (debit)
  "routing_fee", // node: the routing fee a paid withdrawal cost
  "refund", // user: a failed withdrawal or an unused fee reserve, credited back
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
