import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/** The site's public origin: SITE_URL when set, else the host this request was sent to. */
export async function siteOrigin(): Promise<string> {
  const configured = getEnv().SITE_URL;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  const scheme = proto === "https" ? "https" : "http";
  // A junk host header ("[::1:99999]%zz", "a, b") must not make the pages that build links from
  // it fail: the first candidate that forms a valid URL wins.
  for (const host of [list.get("x-forwarded-host"), list.get("host")]) {
    if (host && URL.canParse(`${scheme}://${host}`)) return new URL(`${scheme}://${host}`).origin;
  }
  return `${scheme}://localhost`;
}
