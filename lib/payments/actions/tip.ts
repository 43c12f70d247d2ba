import "server-only";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import { NODE_ACCOUNT, SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { percentOf } from "@/lib/ledger/splits";
import type { PaidAction } from "@/lib/payments/paid-action";
import { sha256Hex, tipMetadata, type TipRecipient } from "@/lib/tips/tip-metadata";
import { recipientById } from "@/lib/tips/tip-queries";

// A Lightning Address tip (LNURL-pay, lib/tips/): a wallet pays an author. No browser and no
// reuse key: every callback is a new invoice. The invoice commits to the payRequest's metadata
// by its hash (LUD-06), rebuilt here from the recipient and the host the wallet used.

const tipArgs = z.object({
  userId: z.string().regex(ROW_ID),
  amountMsats: z.number().int().positive().multipleOf(1000),
  comment: z.string().max(2000).optional(),
  // The host of the address the wallet resolved (name@host): part of the metadata it hashes.
  host: z.string().min(1).max(255),
});
type TipArgs = z.infer<typeof tipArgs>;

export const tip = {
  type: "tip" as const,
  args: tipArgs,
  payers: ["wallet"],
  subject: (args: TipArgs) => recipientById(args.userId),
  invoice: (recipient: TipRecipient, args: TipArgs, siteName: string) => ({
    amountMsats: BigInt(args.amountMsats),
    descriptionHash: sha256Hex(tipMetadata(recipient, siteName, args.host)),
  }),
  articleId: () => null,
  // The whole amount received goes to the author, less the site's fee (rounded down, so any
  // rounding remainder is the author's).
  async onPaid(tx, payment) {
    const { userId } = tipArgs.parse(payment.args);
    const received = payment.receivedMsats;
    const fee = percentOf(received, getEnv().SITE_FEE_PERCENT);
    await postJournal(
      tx,
      `payment:${payment.id}`,
      [
        { account: NODE_ACCOUNT, kind: "received", amountMsats: -received },
        { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
        { account: userAccount(userId), kind: "tip", amountMsats: received - fee },
      ],
      { paymentId: payment.id, at: payment.settledAt },
    );
  },
} satisfies PaidAction<TipArgs, TipRecipient>;
