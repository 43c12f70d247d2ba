import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { originFor } from "@/lib/site-origin";
import { accessTokenRequest } from "@/lib/access-tokens/access-token-input";
import { issueAccessToken } from "@/lib/access-tokens/issue-access-token";

// A signed access token for something the reader holds (cookies, receipt links, session), for
// another backend to verify against /.well-known/jwks.json. 403 when not held.
export const POST = route(async ({ request, reader, json }) => {
  const input = await json(accessTokenRequest);
  const issued = await issueAccessToken(await reader(), input, originFor(request.headers));
  return NextResponse.json(issued, { headers: { "Cache-Control": "no-store" } });
});
