import { createHash } from "node:crypto";

// The bad (and a few plausible) inputs the fuzz test sends. Everything is chosen by a seeded
// generator, so a failure reproduces with the same FUZZ_SEED.

/** mulberry32: tiny, fast and good enough to pick test inputs reproducibly. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const one = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pick = <T>(items: T[], count: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  };
  return { next, one, pick };
}

const hex = (label: string, bytes: number) => createHash("sha512").update(label).digest("hex").repeat(4).slice(0, bytes * 2);

/** Junk for any dynamic segment, percent-encoded as it goes on the wire. */
export const JUNK_SEGMENTS = [
  "a",
  "%20",
  "x".repeat(5000),
  encodeURIComponent("статья-😀-記事"),
  "%E0%A4%A", // broken percent-encoding
  "%ff%fe%00",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  encodeURIComponent("<script>alert(1)</script>"),
  "null",
  "-1",
  "1e309",
  "c" + "k".repeat(24), // looks like an id, exists nowhere
  hex("token", 32), // looks like a k1 or a token, exists nowhere
  hex("receipt", 24),
];

export type FuzzBody = { name: string; contentType?: string; body?: Buffer };

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const objectNest = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

export function fuzzBodies(): FuzzBody[] {
  const junkBytes = Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 37 + 11) % 256));
  return [
    { name: "none" },
    { name: "empty json", contentType: "application/json", body: Buffer.alloc(0) },
    { name: "junk bytes", contentType: "application/octet-stream", body: junkBytes },
    { name: "junk bytes as json", contentType: "application/json", body: junkBytes },
    { name: "broken json", contentType: "application/json", body: Buffer.from('{"k1": "ab", "signature": ') },
    { name: "json null", contentType: "application/json", body: Buffer.from("null") },
    { name: "json wrong types", contentType: "application/json", body: Buffer.from('{"k1":[1],"invoice":{},"displayName":7,"title":null,"priceSats":"1e400","body":false}') },
    { name: "json proto", contentType: "application/json", body: Buffer.from('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') },
    { name: "deep json array", contentType: "application/json", body: Buffer.from(nested(8000)) },
    { name: "deep json object", contentType: "application/json", body: Buffer.from(objectNest(5000)) },
    { name: "2 MB json", contentType: "application/json", body: Buffer.from(JSON.stringify({ invoice: "x".repeat(2 * 1024 * 1024) })) },
    { name: "2 MB text", contentType: "text/plain", body: Buffer.alloc(2 * 1024 * 1024, "y") },
    { name: "form", contentType: "application/x-www-form-urlencoded", body: Buffer.from("k1=%zz&csrfToken=&callbackUrl=javascript%3Aalert(1)&a=1&a=2") },
    { name: "multipart junk", contentType: "multipart/form-data; boundary=xyz", body: Buffer.from("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\njunk\r\n--xy") },
    { name: "multipart no boundary", contentType: "multipart/form-data", body: Buffer.from("garbage") },
    { name: "text", contentType: "text/plain; charset=utf-16", body: Buffer.from("hello") },
    { name: "json with bad charset", contentType: "application/json; charset=nonsense", body: Buffer.from("{}") },
    { name: "wrong declared type", contentType: "image/png", body: Buffer.from("{}") },
  ];
}

export type HeaderSet = { name: string; headers: Record<string, string> };

export function fuzzHeaderSets(): HeaderSet[] {
  const bigCookie = `junk=${"c".repeat(7000)}`;
  return [
    { name: "plain", headers: {} },
    { name: "forwarded host list", headers: { "x-forwarded-host": "evil.example, press.example,,", "x-forwarded-proto": "https, http" } },
    { name: "forwarded host junk", headers: { "x-forwarded-host": "[::1:99999]%zz", "x-forwarded-port": "-1" } },
    { name: "forwarded for junk", headers: { "x-forwarded-for": "not-an-ip, 999.999.999.999, ::::, " } },
    { name: "forwarded proto junk", headers: { "x-forwarded-proto": "gopher" } },
    { name: "host junk", headers: { host: "evil..example:abc" } },
    { name: "origin junk", headers: { origin: "null" } },
    { name: "origin foreign", headers: { origin: "https://evil.example" } },
    { name: "huge cookie", headers: { cookie: bigCookie } },
    { name: "bad buyer cookie", headers: { cookie: "lp_buyer=c0ffee.badsignature; lp_receipts=W10.bad" } },
    { name: "junk reader cookies", headers: { cookie: "lp_buyer=%ff%fe; lp_receipts=" + "A".repeat(3000) + "; lp_buyer=" } },
    { name: "junk session cookie", headers: { cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..junk.junk.junk; authjs.csrf-token=abc|def" } },
    { name: "junk secure session cookie", headers: { cookie: "__Secure-authjs.session-token=" + "x".repeat(4000) + "; authjs.session-token.0=a; authjs.session-token.1=b" } },
    { name: "rsc junk", headers: { rsc: "1", "next-router-state-tree": "%7Bnot json", "next-router-prefetch": "1", "next-url": "/../../x" } },
    { name: "rsc bad tree", headers: { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(["", { children: [1, 2, 3] }, null, "refetch"])) } },
    { name: "next action junk", headers: { "next-action": hex("action", 21), "next-router-state-tree": "junk" } },
    { name: "next action odd", headers: { "next-action": "../../x", accept: "text/x-component" } },
    { name: "accept junk", headers: { accept: "*/*;q=nonsense, text/event-stream", "accept-encoding": "gzip;q=2, br, zzz", "accept-language": "x".repeat(2000) } },
    { name: "range junk", headers: { range: "bytes=99999999-1", "if-none-match": '"*"', "if-modified-since": "yesterday" } },
    { name: "middleware subrequest", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy", "x-lp-fresh-buyer": "1" } },
  ];
}

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const QUERIES = ["", "", "", "?page=-1&cursor=%zz", "?page=99999999999999999999", "?callbackUrl=javascript:alert(1)", "?wait=0&a[]=1&a[]=2", `?q=${"q".repeat(3000)}`, "?__nextDataReq=1&_rsc=junk"];
