import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { rotateRootKey } from "@/lib/l402/root-keys";

export const dynamic = "force-dynamic";

// Rotate: a new current L402 root key (older keys keep verifying their tokens). Answers the new id, never a secret.
export const POST = route({ access: "admin" }, async () => NextResponse.json(await rotateRootKey(), { headers: { "Cache-Control": "no-store" } }));
