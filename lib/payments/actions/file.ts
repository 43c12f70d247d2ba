import "server-only";
import { z } from "zod";
import { grant } from "@/lib/access/entitlement-queries";
import { fileResource, READ } from "@/lib/access/entitlements";
import { findFileOnSale, type FileOnSale } from "@/lib/files/file-queries";
import { ROW_ID } from "@/lib/http/identifiers";
import { userAccount } from "@/lib/ledger/accounts";
import { postSaleJournal } from "@/lib/ledger/sale-journal";
import type { PaidAction } from "@/lib/payments/paid-action";

const fileArgs = z.object({ fileId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof fileArgs>;

/**
 * Buying a file sold on its own page (lib/files/): one payment per browser and file (like an
 * article view), which grants that browser READ on file:<id>. Money: the site fee, the rest to
 * the file's owner. A file attached to an article is never sold here: it goes with the article.
 */
export const file = {
  type: "file" as const,
  args: fileArgs,
  payers: ["browser"],
  subject: ({ fileId }: Args): Promise<FileOnSale | null> => findFileOnSale(fileId),
  invoice: (subject: FileOnSale, _args: Args, siteName: string) => ({
    amountMsats: BigInt(subject.priceSats) * 1000n,
    description: `${siteName}: ${subject.title}`.slice(0, 200),
  }),
  articleId: () => null,
  reuseKey: ({ fileId }: Args, payer) => `file:${payer.kind === "browser" ? payer.buyerId : "wallet"}:${fileId}`,
  async onPaid(tx, payment) {
    const { fileId } = fileArgs.parse(payment.args);
    const { ownerId } = await tx.storedFile.findUniqueOrThrow({ where: { id: fileId }, select: { ownerId: true } });
    await grant(tx, { paymentId: payment.id, buyerId: payment.buyerId, kind: READ, resource: fileResource(fileId), at: payment.settledAt });
    await postSaleJournal(tx, payment, [{ account: userAccount(ownerId), percent: 100 }]);
  },
  async receipt(tx, payment) {
    const { fileId } = fileArgs.parse(payment.args);
    const row = await tx.storedFile.findUnique({ where: { id: fileId }, select: { title: true } });
    return row && { title: row.title, linkOpens: "restores the file's download in any browser and lists it in your library", details: [] };
  },
} satisfies PaidAction<Args, FileOnSale>;
