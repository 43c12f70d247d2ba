import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { devNodeAllowed } from "@/lib/lightning/lightning";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";

export const dynamic = "force-dynamic";

const body = z.object({ invoice: z.string().trim().min(20, "invoice: expected a BOLT11 invoice").max(2000, "invoice: too long") }).strict();

// The development wallet. Exists only while the development node is the backend, never in production.
export const POST = route(async ({ json }) => {
  if (!devNodeAllowed()) throw notFound("The development wallet is only available with the development node");
  const { invoice } = await json(body);
  const payment = await payWithDevWallet(invoice);
  return NextResponse.json({ status: "paid", ...payment }, { headers: { "Cache-Control": "no-store" } });
});
