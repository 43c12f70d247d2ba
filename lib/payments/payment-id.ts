import { z } from "zod";
import { badRequest } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";

// Payment ids are cuids: lower-case letters and digits.
export const paymentIdSchema = z.string().regex(ROW_ID, "malformed payment id");

export function parsePaymentId(value: string): string {
  const parsed = paymentIdSchema.safeParse(value);
  if (!parsed.success) throw badRequest("Malformed payment id", "invalid_id");
  return parsed.data;
}
