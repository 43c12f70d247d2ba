import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import type { Actor } from "./authors";

// Uploads as a browser sends them, over real HTTP: the raw body streamed chunk by chunk (with or
// without Content-Length), optionally cut off midway as when a tab closes. And small real files
// of each kind the site accepts, built in memory.

export type UploadAnswer = { status: number; body: Record<string, unknown> & { error?: { code: string; message: string } } };

type Options = {
  method?: "POST" | "PUT";
  /** Bytes, or chunks to stream (a generator: sent as they are made, never held whole). */
  body: Buffer | (() => AsyncIterable<Buffer>);
  /** Content-Length to declare; null sends the body chunked. Default: the Buffer's length. */
  contentLength?: number | null;
  /** Cut the connection after this many bytes (a truncated upload): resolves with status 0. */
  abortAfter?: number;
};

export function upload(baseUrl: string, who: Actor, pathAndQuery: string, options: Options): Promise<UploadAnswer> {
  const url = new URL(pathAndQuery, baseUrl);
  const length = options.contentLength !== undefined ? options.contentLength : Buffer.isBuffer(options.body) ? options.body.length : null;
  const headers: Record<string, string> = { origin: baseUrl, "content-type": "application/octet-stream", ...(who.cookie ? { cookie: who.cookie } : {}) };
  if (length !== null) headers["content-length"] = String(length);
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (answer: UploadAnswer) => {
      if (!settled) (settled = true), resolve(answer);
    };
    const outgoing = request(url, { method: options.method ?? "POST", headers }, (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        const text = Buffer.concat(parts).toString();
        try {
          done({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          reject(new Error(`not JSON (${response.statusCode}): ${text.slice(0, 200)}`));
        }
      });
    });
    // The server may answer (413) and close while we still write: the answer is what counts.
    outgoing.on("error", () => setTimeout(() => done({ status: 0, body: {} }), 200));
    void (async () => {
      let sent = 0;
      const chunks = Buffer.isBuffer(options.body) ? chunksOf(options.body) : options.body();
      for await (const chunk of chunks) {
        if (settled || outgoing.destroyed) return;
        if (options.abortAfter !== undefined && sent + chunk.length > options.abortAfter) {
          outgoing.write(chunk.subarray(0, options.abortAfter - sent));
          await new Promise((r) => setTimeout(r, 100));
          outgoing.destroy();
          return done({ status: 0, body: {} });
        }
        sent += chunk.length;
        if (!outgoing.write(chunk)) await new Promise((r) => outgoing.once("drain", r));
      }
      outgoing.end();
    })().catch(() => undefined);
  });
}

async function* chunksOf(bytes: Buffer, size = 64 * 1024) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder (temporary .part files included), recursively. */
export async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(full);
    }
  };
  await walk(root);
  return found.sort();
}

export const sizeOf = async (file: string) => (await stat(file)).size;

/** A small but real PDF (with `padding` random-ish bytes in a comment to make it bigger). */
export function pdfBytes(text = "Hello", padding = 0): Buffer {
  const pad = padding > 0 ? `%${"x".repeat(padding)}\n` : "";
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\n${pad}trailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** A 1x1 PNG. */
export function pngBytes(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0]))), chunk("IEND", Buffer.alloc(0))]);
}

/** A ZIP with one stored (uncompressed) entry. */
export function zipBytes(name = "notes.txt", content = Buffer.from("zip content")): Buffer {
  const fileName = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, content, central, fileName, end]);
}

/** A Windows executable's first bytes: an "MZ" header, refused whatever it is called. */
export function exeBytes(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0);
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "binary");
  return bytes;
}

/** The resident memory (kB) of a process and its descendants, from /proc. */
export async function treeRssKb(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const statLine = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(statLine.slice(statLine.lastIndexOf(")") + 2).split(" ")[1]);
    parents.set(Number(entry), ppid);
  }
  const tree = [pid, ...[...parents].filter(([, ppid]) => ppid === pid).map(([child]) => child)];
  let total = 0;
  for (const one of tree) {
    const status = await readFile(`/proc/${one}/status`, "utf8").catch(() => "");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return total;
}
