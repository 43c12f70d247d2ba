import { NextResponse } from "next/server";
import { confirmVerification, isVerificationToken } from "@/lib/auth/account-email";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// The Confirm button of a verification link: verifies the address once (410 used or expired,
// 409 the account's address changed since, 404 unknown). Only a POST verifies.
export const POST = route(
  {
    params: (raw) => {
      const token = raw.token ?? "";
      if (!isVerificationToken(token)) throw notFound("Unknown verification link");
      return { token };
    },
  },
  async ({ params }) => {
    const email = await confirmVerification(params.token);
    return NextResponse.json({ status: "verified", email }, { headers: { "Cache-Control": "no-store" } });
  },
);
