import "server-only";
import { z } from "zod";
import { grant } from "@/lib/access/entitlement-queries";
import { fileResource, READ } from "@/lib/access/entitlements";
import { findFileOnSale, type FileOnSale } from "@/lib/files/file-queries";
import { ROW_ID } from "@/lib/http/identifiers";
import { userAccount } from "@/lib/ledger/accounts";
import { postSaleJournal } from "@/lib/ledger/sale-journal";
import type { PaidAction } from "@/lib/payments/paid-action";

const machineFileArgs = z.object({ fileId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof machineFileArgs>;

/**
 * A machine buying a file sold alone through the L402 API (lib/l402/file-api.ts): like
 * machine-view, a new payment per 402 challenge and an entitlement without a buyer (the
 * credential opens it), under which its download link is issued. The same money as a browser's
 * purchase of the file: the site fee, the rest to the owner.
 */
export const machineFile = {
  type: "machine_file" as const,
  args: machineFileArgs,
  payers: ["machine"],
  subject: ({ fileId }: Args): Promise<FileOnSale | null> => findFileOnSale(fileId),
  invoice: (subject: FileOnSale, _args: Args, siteName: string) => ({
    amountMsats: BigInt(subject.priceSats) * 1000n,
    description: `${siteName}: ${subject.title} (L402)`.slice(0, 200),
  }),
  articleId: () => null,
  async onPaid(tx, payment) {
    const { fileId } = machineFileArgs.parse(payment.args);
    const { ownerId } = await tx.storedFile.findUniqueOrThrow({ where: { id: fileId }, select: { ownerId: true } });
    await grant(tx, { paymentId: payment.id, buyerId: null, kind: READ, resource: fileResource(fileId), at: payment.settledAt });
    await postSaleJournal(tx, payment, [{ account: userAccount(ownerId), percent: 100 }]);
  },
} satisfies PaidAction<Args, FileOnSale>;
