import { route } from "@/lib/http/route";
import { parseFileId } from "@/lib/files/file-download";
import { fileForMachines } from "@/lib/l402/file-api";
import { clientAddress } from "@/lib/security/client-address";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// The read API for programs: a file's facts, and with access a download link; else 402 with an L402 challenge (README: "L402 API").
export const GET = route({ params: (raw) => ({ id: parseFileId(raw.id ?? "") }) }, async ({ request, params, reader }) =>
  fileForMachines(params.id, { headers: request.headers, clientAddress: clientAddress(request.headers), reader, origin: await siteOrigin() }),
);
