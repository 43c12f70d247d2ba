import { route } from "@/lib/http/route";
import { serveDownloadLink } from "@/lib/files/download-links";

export const dynamic = "force-dynamic";

// A download link: the token is the credential (mailed links work in any browser).
export const GET = route(async ({ request, params }) => serveDownloadLink(params.token ?? "", request, false));
export const HEAD = route(async ({ request, params }) => serveDownloadLink(params.token ?? "", request, true));
