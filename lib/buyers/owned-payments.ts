import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL conditions (to OR together) for the payments a reader owns: this browser's, those of any
 * browser the signed-in user has claimed, and those granted by receipt links. Empty: owns none.
 */
export function ownedPaymentConditions(reader: Reader, column = Prisma.raw(`"buyerId"`), idColumn = Prisma.raw(`"id"`)): Prisma.Sql[] {
  return [
    ...(reader.buyerId ? [Prisma.sql`${column} = ${reader.buyerId}`] : []),
    ...(reader.userId ? [Prisma.sql`${column} IN (SELECT "id" FROM "Buyer" WHERE "userId" = ${reader.userId})`] : []),
    ...(reader.receiptPaymentIds.length ? [Prisma.sql`${idColumn} IN (${Prisma.join(reader.receiptPaymentIds)})`] : []),
  ];
}
