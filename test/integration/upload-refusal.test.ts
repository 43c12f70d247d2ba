import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInActors } from "@/test/support/authors";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";
import { upload } from "@/test/support/upload-client";

// A client still sending when its upload is refused must get the refusal, not a reset: closing a
// socket with unread bytes makes the kernel reset it, which can wipe the 413 before the client
// reads it. Without lib/http/drain-body.ts about 1 in 12 of these uploads saw a reset (5 of 60).
const MB = 1024 * 1024;
let server: SiteServer;

beforeAll(async () => {
  mkdirSync(TEST_TMP, { recursive: true });
  server = await startSiteServer({ env: { MAX_UPLOAD_MB: "5", UPLOAD_DIR: mkdtempSync(path.join(TEST_TMP, "uploads-")) } });
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

async function* zeros(total: number) {
  const chunk = Buffer.alloc(64 * 1024);
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}

describe("an upload refused while it streams", () => {
  it("reaches the client as 413 every time, never as a dropped connection", async () => {
    const { authorA } = await signInActors(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const answer = await upload(server.url, authorA, "/api/uploads?name=a.pdf&title=x&priceSats=10", { body: () => zeros(8 * MB), contentLength: null });
      statuses.push(answer.status);
    }
    const counts = statuses.reduce<Record<number, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 413: 40 });
  });
});
