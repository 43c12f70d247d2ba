import { NextResponse } from "next/server";
import { badRequest } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { revokeRootKey } from "@/lib/l402/root-keys";

export const dynamic = "force-dynamic";

const ROOT_KEY_ID = /^[0-9a-f]{32}$/;

// Revoke: every L402 token signed with this key is refused from now on.
export const POST = route(
  {
    access: "admin",
    params: (raw) => {
      if (!ROOT_KEY_ID.test(raw.id ?? "")) throw badRequest("Malformed root key id", "invalid_id");
      return { id: raw.id! };
    },
  },
  async ({ params }) => NextResponse.json(await revokeRootKey(params.id), { headers: { "Cache-Control": "no-store" } }),
);
