import { z } from "zod";

// What an author or an admin may send to set a pass offer: price and length, or null for none.
export const passTermsInput = z.object({
  offer: z
    .object({
      priceSats: z.number().int().min(1).max(100_000_000),
      days: z.number().int().min(1).max(3650),
    })
    .strict()
    .nullable(),
}).strict();
export type PassTermsInput = z.infer<typeof passTermsInput>;
