import { mkdirSync, mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type Actor, send, signInActors } from "@/test/support/authors";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";
import { exeBytes, filesUnder, pdfBytes, pngBytes, sha256, treeRssKb, upload, type UploadAnswer, zipBytes } from "@/test/support/upload-client";

// Uploads over real HTTP to the production server: the type comes from the bytes, the name is
// sanitized, size and sha256 are recorded, and every bad upload is refused with its 4xx leaving
// nothing in UPLOAD_DIR or the database; an oversized stream is refused while it streams, without
// the server's memory growing by the file's size.

const MB = 1024 * 1024;
mkdirSync(TEST_TMP, { recursive: true });
const uploadDir = mkdtempSync(path.join(TEST_TMP, "uploads-"));
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
let articleId = "";

const sellAlone = (name: string, title = "A file", priceSats = 10) => `/api/uploads?${new URLSearchParams({ name, title, priceSats: String(priceSats) })}`;
const attach = (name: string, id = articleId) => `/api/uploads?${new URLSearchParams({ name, articleId: id })}`;
type FileJson = { id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; version: number; status: string };
const fileOf = (answer: UploadAnswer) => answer.body.file as FileJson;

/** Nothing new on disk or in the table after `act`, which must answer `status`. */
async function refusedLeavingNothing(act: () => Promise<UploadAnswer>, status: number, code?: string) {
  const before = { disk: await filesUnder(uploadDir), rows: await db().storedFile.count() };
  const answer = await act();
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  if (code) expect(answer.body.error?.code).toBe(code);
  if (status) expect(answer.body.error?.message).toBeTruthy();
  // A refused upload's temporary file goes as the refusal is made; a cut-off one once the server notices.
  await expect.poll(() => filesUnder(uploadDir), { timeout: 5000 }).toEqual(before.disk);
  expect(await db().storedFile.count()).toBe(before.rows);
}

async function* zeros(total: number, chunk = MB): AsyncGenerator<Buffer> {
  const block = Buffer.alloc(chunk);
  block.write("%PDF-1.4\n");
  for (let sent = 0; sent < total; sent += chunk) yield block.subarray(0, Math.min(chunk, total - sent));
}

beforeAll(async () => {
  server = await startSiteServer({ env: { MAX_UPLOAD_MB: "50", UPLOAD_DIR: uploadDir } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  const created = await send(server.url, people.authorA, "POST", "/api/articles", { title: "With files", teaser: "Teaser.", body: "Body.", priceSats: 30 });
  articleId = (JSON.parse(created.text) as { id: string }).id;
});
afterAll(async () => server?.stop());

describe("uploading", () => {
  it("stores a PDF, a ZIP and a PNG with the sniffed type, size and sha256, under a random key", async () => {
    for (const [name, bytes, mime, stored] of [
      // Larger than the proxy's 1 MB body copy: it arrives whole because uploads bypass the proxy.
      ["Report.pdf", pdfBytes("report", 5 * MB), "application/pdf", "Report.pdf"],
      ["archive.zip", zipBytes(), "application/zip", "archive.zip"],
      // The name's extension is the client's claim; the stored one is the content's.
      ["picture.jpg", pngBytes(), "image/png", "picture.png"],
    ] as const) {
      const answer = await upload(server.url, people.authorA, attach(name), { body: bytes });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const file = fileOf(answer);
      expect(file).toMatchObject({ fileName: stored, mimeType: mime, sizeBytes: bytes.length, sha256: sha256(bytes), version: 1, status: "visible" });
      expect(JSON.stringify(answer.body)).not.toContain("storageKey");
      const row = await db().storedFile.findUniqueOrThrow({ where: { id: file.id } });
      expect(row).toMatchObject({ ownerId: people.authorA.userId, articleId, sha256: sha256(bytes) });
      expect(JSON.stringify(answer.body)).not.toContain(row.storageKey);
      const onDisk = (await filesUnder(uploadDir)).filter((one) => path.basename(one) === row.storageKey);
      expect(onDisk).toHaveLength(1);
      expect(sha256(await readFile(onDisk[0]!))).toBe(sha256(bytes));
    }
  });

  it("sanitizes the name: no path parts, control characters or quotes, capped, the real extension", async () => {
    for (const [name, expected] of [
      ["../../etc/passwd.pdf", "passwd.pdf"],
      ["..\\..\\windows\\evil.pdf", "evil.pdf"],
      ['my "best"\r\n\u0000file;.exe', "my best file.pdf"],
      [".hidden", "hidden.pdf"],
      [`${"a".repeat(500)}.pdf`, `${"a".repeat(116)}.pdf`],
    ]) {
      const answer = await upload(server.url, people.authorA, sellAlone(name!), { body: pdfBytes() });
      expect(answer.status).toBe(201);
      expect(fileOf(answer).fileName).toBe(expected);
    }
    expect((await filesUnder(path.resolve(uploadDir, ".."))).filter((one) => one.endsWith("passwd.pdf"))).toEqual([]);
  });

  it("refuses every bad upload with a clear 4xx and leaves nothing behind", async () => {
    const a = people.authorA;
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("setup.exe"), { body: exeBytes() }), 415, "unsupported_file_type");
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("notes.pdf"), { body: Buffer.from("just text pretending to be a PDF\n".repeat(100)) }), 415, "unsupported_file_type");
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("empty.pdf"), { body: Buffer.alloc(0) }), 400, "upload_empty");
    // Zero bytes sent chunked (no Content-Length): stored, found empty, removed.
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("empty.pdf"), { body: async function* () {}, contentLength: null }), 400, "upload_empty");
    // Declared too large: refused before a byte is read.
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("big.pdf"), { body: () => zeros(60 * MB), contentLength: 60 * MB }), 413, "upload_too_large");
    // Cut off midway, with and without Content-Length: nothing stored.
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("cut.pdf"), { body: pdfBytes("cut", 3 * MB), abortAfter: MB }), 0);
    await refusedLeavingNothing(() => upload(server.url, a, sellAlone("cut.pdf"), { body: () => zeros(8 * MB, 256 * 1024), contentLength: null, abortAfter: 2 * MB }), 0);
    // Bad query: no name, no target, both targets, a bad price or title; checked before the body.
    for (const query of ["?title=x&priceSats=1", `?name=a.pdf`, `?name=a.pdf&title=x&priceSats=1&articleId=${articleId}`, "?name=a.pdf&title=x&priceSats=-1", "?name=a.pdf&title=x&priceSats=1.5", "?name=a.pdf&title=&priceSats=1", "?name=a.pdf&title=x&priceSats=99999999999"]) {
      await refusedLeavingNothing(() => upload(server.url, a, `/api/uploads${query}`, { body: pdfBytes() }), 400);
    }
    // The wrong people.
    await refusedLeavingNothing(() => upload(server.url, people.anonymous, sellAlone("a.pdf"), { body: pdfBytes() }), 401);
    await refusedLeavingNothing(() => upload(server.url, people.reader, sellAlone("a.pdf"), { body: pdfBytes() }), 403);
    await refusedLeavingNothing(() => upload(server.url, people.authorB, attach("a.pdf"), { body: pdfBytes() }), 404, "no_such_article");
    expect(server.logs()).not.toMatch(/unhandled route error/);
  });

  it("refuses a 60 MB stream past MAX_UPLOAD_MB=50 with 413 while it streams, without buffering it", async () => {
    const pid = server.pid()!;
    const before = await treeRssKb(pid);
    let peak = before;
    const sampler = setInterval(() => void treeRssKb(pid).then((kb) => (peak = Math.max(peak, kb))), 50);
    try {
      await refusedLeavingNothing(() => upload(server.url, people.authorA, sellAlone("huge.pdf"), { body: () => zeros(60 * MB), contentLength: null }), 413, "upload_too_large");
    } finally {
      clearInterval(sampler);
    }
    const grownMb = (peak - before) / 1024;
    console.log(`server RSS before ${Math.round(before / 1024)} MB, peak during a 60 MB upload ${Math.round(peak / 1024)} MB (+${grownMb.toFixed(1)} MB)`);
    // Buffered, the body would hold 50 MB at the refusal (the limit) on top of what streaming churns.
    expect(grownMb).toBeLessThan(40);
  });
});

describe("owning files", () => {
  let fileId = "";
  const replace = (who: Actor, name: string, bytes: Buffer) => upload(server.url, who, `/api/uploads/${fileId}?${new URLSearchParams({ name })}`, { method: "PUT", body: bytes });

  it("only the owner or an admin replaces, changes or removes a file; the old bytes go", async () => {
    fileId = fileOf(await upload(server.url, people.authorA, sellAlone("v1.pdf", "Versioned", 20), { body: pdfBytes("one") })).id;
    const first = await db().storedFile.findUniqueOrThrow({ where: { id: fileId } });
    await refusedLeavingNothing(() => replace(people.authorB, "v2.pdf", pdfBytes("two")), 404, "no_such_file");
    await refusedLeavingNothing(() => replace(people.reader, "v2.pdf", pdfBytes("two")), 403);
    for (const body of [{ title: "Mine now" }, { status: "visible" }, { priceSats: 1 }]) {
      expect((await send(server.url, people.authorB, "PATCH", `/api/files/${fileId}`, body)).status).toBe(404);
    }
    expect((await send(server.url, people.authorB, "DELETE", `/api/files/${fileId}`)).status).toBe(404);
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/${fileId}`, { priceSats: -5 })).status).toBe(400);
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/${fileId}`, { storageKey: "x" })).status).toBe(400);
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/nope`, { title: "x" })).status).toBe(404);

    const second = await replace(people.authorA, "v2.zip", zipBytes());
    expect(second.status).toBe(200);
    expect(fileOf(second)).toMatchObject({ version: 2, fileName: "v2.zip", mimeType: "application/zip", sha256: sha256(zipBytes()) });
    const row = await db().storedFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.storageKey).not.toBe(first.storageKey);
    const names = (await filesUnder(uploadDir)).map((one) => path.basename(one));
    expect(names).toContain(row.storageKey);
    expect(names).not.toContain(first.storageKey);
    // A bad replacement changes nothing.
    await refusedLeavingNothing(() => replace(people.authorA, "v3.pdf", exeBytes()), 415);
    expect((await db().storedFile.findUniqueOrThrow({ where: { id: fileId } })).version).toBe(2);
    // An admin may.
    expect(fileOf(await replace(people.admin, "v3.pdf", pdfBytes("three"))).version).toBe(3);
    const removed = await send(server.url, people.authorA, "DELETE", `/api/files/${fileId}`);
    expect(JSON.parse(removed.text).file.status).toBe("removed");
    await refusedLeavingNothing(() => replace(people.authorA, "v4.pdf", pdfBytes("four")), 409, "file_removed");
  });

  it("replaced five times at once: each success is one version, and only the current bytes stay on disk", async () => {
    const id = fileOf(await upload(server.url, people.authorA, sellAlone("race.pdf"), { body: pdfBytes("race") })).id;
    const before = (await filesUnder(uploadDir)).length;
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => upload(server.url, people.authorA, `/api/uploads/${id}?name=r${n}.pdf`, { method: "PUT", body: pdfBytes(`race ${n}`, 300_000) })));
    const won = answers.filter((answer) => answer.status === 200).length;
    expect(won).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const row = await db().storedFile.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(1 + won);
    const disk = await filesUnder(uploadDir);
    expect(disk.length).toBe(before);
    expect(disk.map((one) => path.basename(one))).toContain(row.storageKey);
    expect(sha256(await readFile(disk.find((one) => path.basename(one) === row.storageKey)!))).toBe(row.sha256);
  });

  it("a file attached to an article has no price of its own", async () => {
    const attached = fileOf(await upload(server.url, people.authorA, attach("x.pdf"), { body: pdfBytes() }));
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/${attached.id}`, { priceSats: 5 })).status).toBe(400);
  });
});
