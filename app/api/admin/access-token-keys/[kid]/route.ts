import { route } from "@/lib/http/route";
import { AppError, notFound } from "@/lib/errors";
import { KEY_ID } from "@/lib/http/identifiers";
import { removeSigningKey } from "@/lib/access-tokens/signing-keys";

const parseKid = (raw: Record<string, string>) => {
  if (!KEY_ID.test(raw.kid ?? "")) throw new AppError(400, "kid must be a key id from the JWKS", "bad_kid");
  return { kid: raw.kid! };
};

// Removes a signing key at once (believed leaked): its tokens are refused once verifiers refetch the JWKS.
export const DELETE = route({ access: "admin", params: parseKid }, async ({ params }) => {
  if (!(await removeSigningKey(params.kid))) throw notFound("No such key");
  return new Response(null, { status: 204 });
});
