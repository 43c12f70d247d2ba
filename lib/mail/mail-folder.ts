import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { mailFolder } from "@/lib/mail/mail-transport";

// The development mail folder, read back for /dev/mail (newest first).
export type FolderMail = { id: string; from: string; to: string; subject: string; text: string; sentAt: string };

export async function listFolderMails(limit = 100): Promise<FolderMail[]> {
  const folder = mailFolder();
  const names = await readdir(folder).catch(() => [] as string[]);
  const mails = await Promise.all(
    names
      .filter((name) => name.endsWith(".json"))
      .map(async (name) => {
        try {
          return JSON.parse(await readFile(path.join(folder, name), "utf8")) as FolderMail;
        } catch {
          return null;
        }
      }),
  );
  return mails.filter((mail): mail is FolderMail => mail !== null).sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(0, limit);
}
