import "server-only";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { DOWNLOAD_TOKEN, findLinkByToken, issueDownloadLink, type IssuedLink, takeDownloadUse } from "@/lib/files/download-link-queries";
import { fileGone, fileResponse } from "@/lib/files/file-response";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A Range request starting past byte 0 within this time of the link's last counted download is
 * the same download resumed: it takes no use. Later, it counts like a new download.
 */
export const RESUME_WINDOW_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a link issued now stops: DOWNLOAD_DAYS from now (if set), and never after the pass it is held under. */
export function linkExpiry(now: Date, passUntil: Date | null): Date | null {
  const days = getEnv().DOWNLOAD_DAYS;
  const byDays = days > 0 ? new Date(now.getTime() + days * DAY_MS) : null;
  if (!passUntil) return byDays;
  return byDays && byDays < passUntil ? byDays : passUntil;
}

/**
 * The holder's link for a file under an entitlement: round 0 is the purchase's own link, made
 * once (lazily, on the first download or receipt mail); round n is the fresh link notify-buyers
 * mails for file version n. Both start with DOWNLOAD_LIMIT uses.
 */
export function linkFor(
  entitlementId: string,
  fileId: string,
  options: { round?: number; passUntil?: Date | null; now?: Date; client?: Prisma.TransactionClient } = {},
): Promise<IssuedLink | null> {
  const now = options.now ?? new Date();
  return issueDownloadLink(
    { entitlementId, fileId, round: options.round ?? 0, usesLeft: getEnv().DOWNLOAD_LIMIT, expiresAt: linkExpiry(now, options.passUntil ?? null) },
    now,
    options.client,
  );
}

export const downloadPath = (token: string) => `/d/${token}`;

/**
 * GET/HEAD /d/<token>. Unknown: 404. Removed file, expired link, no downloads left: 410 saying
 * which. A download from byte 0 takes one use (one conditional UPDATE); a resume (Range past 0)
 * within RESUME_WINDOW_MS of the last counted one takes none. HEAD never takes a use.
 */
export async function serveDownloadLink(token: string, request: Request, head: boolean): Promise<Response> {
  const link = DOWNLOAD_TOKEN.test(token) ? await findLinkByToken(token) : null;
  if (!link) throw notFound("Unknown download link", "unknown_link");
  if (link.file.status === "removed") throw fileGone();
  const now = new Date();
  const expired = () => new AppError(410, "This download link has expired", "link_expired");
  const usedUp = () => new AppError(410, "No downloads left on this link", "no_downloads_left");
  if (link.expiresAt && link.expiresAt <= now) throw expired();
  return fileResponse(link.file, request, {
    head,
    count: async (start) => {
      const resuming = start > 0 && link.lastCountedAt !== null && now.getTime() - link.lastCountedAt.getTime() < RESUME_WINDOW_MS;
      if (resuming) return;
      if (head) {
        if (link.usesLeft <= 0) throw usedUp();
        return;
      }
      if (!(await takeDownloadUse(link.id, now))) throw usedUp();
    },
  });
}
