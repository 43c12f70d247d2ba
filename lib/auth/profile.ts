import "server-only";
import { db } from "@/lib/db/client";

/** The name shown as the byline of the user's articles. */
export async function updateDisplayName(userId: string, displayName: string) {
  await db().profile.update({ where: { userId }, data: { displayName } });
}
