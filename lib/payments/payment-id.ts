import { z } from "zod";
import { badRequest } from "@/lib/errors";

// Payment ids are cuids: lower-case letters and digits.
export const paymentIdSchema = z.string().regex(/^[a-z0-9]{20,32}$/, "malformed payment id");

export function parsePaymentId(value: string): string {
  const parsed = paymentIdSchema.safeParse(value);
  if (!parsed.success) throw badRequest("Malformed payment id", "invalid_id");
  return parsed.data;
}
