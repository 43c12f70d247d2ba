import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { keySummaries, rotateSigningKey } from "@/lib/access-tokens/signing-keys";

// The access-token signing keys (public facts only) and a forced rotation.
export const GET = route({ access: "admin" }, async () => NextResponse.json({ keys: await keySummaries() }));

export const POST = route({ access: "admin" }, async () => NextResponse.json({ kid: await rotateSigningKey() }, { status: 201 }));
