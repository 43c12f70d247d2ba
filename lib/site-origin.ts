import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";

/** The site's public origin: SITE_URL when set, else the host this request was sent to. */
export async function siteOrigin(): Promise<string> {
  const configured = getEnv().SITE_URL;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const proto = list.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
