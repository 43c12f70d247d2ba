import { route } from "@/lib/http/route";
import { articleForMachines } from "@/lib/l402/article-api";
import { clientAddress } from "@/lib/security/client-address";

export const dynamic = "force-dynamic";

// The read API for programs: JSON, the body with access, else 402 with an L402 challenge (README: "L402 API").
export const GET = route(async ({ request, params, reader }) =>
  articleForMachines(params.slug ?? "", { headers: request.headers, clientAddress: clientAddress(request.headers), reader }),
);
