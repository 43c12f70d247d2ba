import { NextResponse } from "next/server";
import { parseFileId } from "@/lib/files/file-download";
import { notifyBuyersAsOwner } from "@/lib/files/notify-buyers";
import { route } from "@/lib/http/route";
import { wakeMailWorker } from "@/lib/mail/mail-worker";
import { originFor } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// The dashboard's "Mail buyers" button for one file: only its owner; answers with the counts.
export const POST = route({ access: "author", params: (raw) => ({ id: parseFileId(raw.id ?? "") }) }, async ({ request, user, params }) => {
  const counts = await notifyBuyersAsOwner("file", params.id, user.id, originFor(request.headers));
  wakeMailWorker();
  return NextResponse.json(counts, { headers: { "Cache-Control": "no-store" } });
});
