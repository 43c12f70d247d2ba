import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { publishedKeys } from "@/lib/access-tokens/signing-keys";

export const dynamic = "force-dynamic";

// The public keys access tokens are signed with (RFC 7517). Cached briefly: a removed key must
// disappear from verifiers soon, and a new one appear before its first token is used.
export const GET = route(async () =>
  NextResponse.json({ keys: await publishedKeys() }, { headers: { "Cache-Control": "public, max-age=60" } }),
);
