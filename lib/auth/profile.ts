import "server-only";
import { clearPages } from "@/lib/cache/page-cache";
import { db } from "@/lib/db/client";

/** The name shown as the byline of the user's articles. */
export async function updateDisplayName(userId: string, displayName: string) {
  await db().profile.update({ where: { userId }, data: { displayName } });
  // Bylines, lists and author pages anywhere may show the name: drop every cached page.
  clearPages();
}
