import { route } from "@/lib/http/route";
import { downloadFile, parseFileId } from "@/lib/files/file-download";

export const dynamic = "force-dynamic";

const options = { params: (raw: Record<string, string>) => ({ id: parseFileId(raw.id ?? "") }) };

// A holder's download: 303 to their download link; a free file streams at once.
export const GET = route(options, async ({ request, params, reader }) => downloadFile(params.id, await reader(), request, false));
export const HEAD = route(options, async ({ request, params, reader }) => downloadFile(params.id, await reader(), request, true));
