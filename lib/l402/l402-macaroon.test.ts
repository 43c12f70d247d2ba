import { createHash, randomBytes } from "node:crypto";
import { bytesToBase64, importMacaroon, newMacaroon } from "macaroon";
import { describe, expect, it } from "vitest";
import { checkCaveat, type L402Target, mintCaveats } from "@/lib/l402/l402-caveats";
import { parseAuthorization } from "@/lib/l402/l402-header";
import { decodeIdentifier, encodeIdentifier, IDENTIFIER_BYTES, newIdentifier } from "@/lib/l402/l402-identifier";
import { encodeMacaroonV2 } from "@/lib/l402/macaroon-binary";
import { mintMacaroon, type RootKey, verifyCredential } from "@/lib/l402/l402-macaroon";

const key: RootKey = { id: randomBytes(16).toString("hex"), secret: randomBytes(32) };
const other: RootKey = { id: randomBytes(16).toString("hex"), secret: randomBytes(32) };
const revokedId = randomBytes(16).toString("hex");
const lookup = async (id: string) => (id === key.id ? key.secret : id === other.id ? other.secret : id === revokedId ? ("revoked" as const) : null);
const ARTICLE_ID = "cm0article0000000000001";
const ARTICLE = { kind: "article", id: ARTICLE_ID } as const;
const preimage = randomBytes(32);
const hash = createHash("sha256").update(preimage).digest("hex");
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function verifyHeader(header: string, target: L402Target = ARTICLE, now?: number) {
  const parsed = parseAuthorization(header);
  if (parsed.kind !== "credential") return { ok: false as const, code: parsed.kind };
  return verifyCredential(parsed.credential, target, lookup, now);
}

describe("L402 identifier", () => {
  it("is version 0 (uint16), the payment hash and a token id that starts with the root key id", () => {
    const id = newIdentifier(hash, key.id);
    expect(id.length).toBe(IDENTIFIER_BYTES);
    expect(id.readUInt16BE(0)).toBe(0);
    expect(id.subarray(2, 34).toString("hex")).toBe(hash);
    const decoded = decodeIdentifier(id)!;
    expect(decoded.rootKeyId).toBe(key.id);
    expect(decoded.paymentHash.toString("hex")).toBe(hash);
    expect(encodeIdentifier(decoded).equals(id)).toBe(true);
    // Two tokens for one invoice still differ (random half of the token id).
    expect(newIdentifier(hash, key.id).equals(id)).toBe(false);
  });

  it("refuses other versions and lengths", () => {
    const id = newIdentifier(hash, key.id);
    const v1 = Buffer.from(id);
    v1.writeUInt16BE(1, 0);
    expect(decodeIdentifier(v1)).toBeNull();
    expect(decodeIdentifier(id.subarray(0, 65))).toBeNull();
    expect(decodeIdentifier(Buffer.concat([id, Buffer.from([0])]))).toBeNull();
    expect(() => newIdentifier("ab", key.id)).toThrow();
  });
});

describe("macaroon v2 binary", () => {
  it("matches the library's own export and reads back", () => {
    const plain = newMacaroon({ identifier: new Uint8Array(newIdentifier(hash, key.id)), rootKey: new Uint8Array(key.secret), location: "here" });
    expect(Buffer.from(encodeMacaroonV2(plain)).equals(Buffer.from(plain.exportBinary()))).toBe(true);
    const text = mintMacaroon(key, hash, ARTICLE, 5);
    const minted = importMacaroon(new Uint8Array(Buffer.from(text, "base64")));
    expect(minted.caveats.map((caveat) => new TextDecoder().decode(caveat.identifier))).toEqual(mintCaveats(ARTICLE, 5));
    expect(Buffer.from(encodeMacaroonV2(minted)).toString("base64")).toBe(text);
  });
});

describe("L402 caveats", () => {
  const context = { target: ARTICLE, nowSeconds: 1000 };
  it("are satisfied for their article before their time", () => {
    for (const caveat of mintCaveats(ARTICLE, 1001)) expect(checkCaveat(caveat, context, new Set())).toBeNull();
    expect(checkCaveat("services=other:1,articles:0", context, new Set())).toBeNull();
  });
  it.each([
    ["article=another", "not valid for this article"],
    [`file=${ARTICLE_ID}`, "not valid for this article"],
    ["articles_valid_until=1000", "expired"],
    ["articles_valid_until=soon", "malformed expiry"],
    ["services=articles:1", "not valid for this service"],
    ["services=other:0", "not valid for this service"],
    ["admin=true", "unknown caveat"],
    ["=x", "malformed caveat"],
    ["nothing", "malformed caveat"],
  ])("refuse %s", (caveat, why) => {
    expect(checkCaveat(caveat, context, new Set())).toBe(why);
  });
});

describe("L402 credential verification", () => {
  const macaroon = mintMacaroon(key, hash, ARTICLE, inAnHour());
  const valid = `L402 ${macaroon}:${preimage.toString("hex")}`;

  it("accepts the macaroon with its invoice's preimage, under L402 and LSAT", async () => {
    expect(await verifyHeader(valid)).toMatchObject({ ok: true, paymentHash: hash, target: ARTICLE });
    expect(await verifyHeader(`LSAT ${macaroon}:${preimage.toString("hex")}`)).toMatchObject({ ok: true });
  });

  it("accepts a caveat the holder added that only narrows (a shorter expiry)", async () => {
    const narrowed = importMacaroon(new Uint8Array(Buffer.from(macaroon, "base64")));
    const sooner = inAnHour() - 60;
    narrowed.addFirstPartyCaveat(new TextEncoder().encode(`articles_valid_until=${sooner}`));
    expect(await verifyHeader(`L402 ${bytesToBase64(encodeMacaroonV2(narrowed))}:${preimage.toString("hex")}`)).toMatchObject({ ok: true, validUntil: sooner });
  });

  it.each([
    ["another invoice's preimage", () => `L402 ${macaroon}:${randomBytes(32).toString("hex")}`, "l402_wrong_preimage"],
    ["another article", () => valid, "l402_wrong_article", { kind: "article" as const, id: "cm0article0000000000002" }],
    ["a file (the token is for an article)", () => valid, "l402_wrong_file", { kind: "file" as const, id: ARTICLE_ID }],
    ["another site's root key", () => `L402 ${mintMacaroon({ id: key.id, secret: randomBytes(32) }, hash, ARTICLE, inAnHour())}:${preimage.toString("hex")}`, "l402_invalid"],
    ["an unknown root key id", () => `L402 ${mintMacaroon({ id: randomBytes(16).toString("hex"), secret: key.secret }, hash, ARTICLE, inAnHour())}:${preimage.toString("hex")}`, "l402_invalid"],
    ["a revoked root key", () => `L402 ${mintMacaroon({ id: revokedId, secret: key.secret }, hash, ARTICLE, inAnHour())}:${preimage.toString("hex")}`, "l402_revoked"],
    ["an expired token", () => `L402 ${mintMacaroon(key, hash, ARTICLE, Math.floor(Date.now() / 1000) - 1)}:${preimage.toString("hex")}`, "l402_expired"],
    ["bytes that are no macaroon", () => `L402 ${randomBytes(100).toString("base64")}:${preimage.toString("hex")}`, "l402_malformed"],
  ])("refuses %s", async (_name, header, code, target: L402Target = ARTICLE) => {
    expect(await verifyHeader(header(), target)).toMatchObject({ ok: false, code });
  });

  it("refuses a tampered caveat (the signature no longer verifies)", async () => {
    const bytes = Buffer.from(macaroon, "base64");
    const at = bytes.indexOf(Buffer.from(ARTICLE_ID));
    const tampered = Buffer.from(bytes);
    tampered.write("cm0article0000000000002", at);
    const result = await verifyHeader(`L402 ${tampered.toString("base64")}:${preimage.toString("hex")}`, { kind: "article", id: "cm0article0000000000002" });
    expect(result).toMatchObject({ ok: false, code: "l402_invalid" });
    // Pushing the expiry out fails the same way.
    const expiry = bytes.indexOf(Buffer.from("articles_valid_until="));
    const later = Buffer.from(bytes);
    later.write("9", expiry + "articles_valid_until=".length);
    expect(await verifyHeader(`L402 ${later.toString("base64")}:${preimage.toString("hex")}`)).toMatchObject({ ok: false });
  });

  it("refuses a macaroon without the required caveats, or with an unknown one", async () => {
    const bare = `L402 ${mintMacaroon(key, hash, ARTICLE, inAnHour())}`;
    const stripped = importMacaroon(new Uint8Array(Buffer.from(bare.slice(5), "base64")));
    stripped.addFirstPartyCaveat(new TextEncoder().encode("admin=yes"));
    expect(await verifyHeader(`L402 ${bytesToBase64(encodeMacaroonV2(stripped))}:${preimage.toString("hex")}`)).toMatchObject({ ok: false, code: "l402_invalid" });
  });

  it("fuzz: every random mutation of a valid credential is refused (or is byte for byte the same credential)", async () => {
    const original = parseAuthorization(valid);
    if (original.kind !== "credential") throw new Error("the valid credential must parse");
    const same = (header: string) => {
      const parsed = parseAuthorization(header);
      return parsed.kind === "credential" && Buffer.from(parsed.credential.macaroon).equals(Buffer.from(original.credential.macaroon)) && parsed.credential.preimage.equals(original.credential.preimage);
    };
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=:-_ ,\"0af";
    const pick = (text: string) => text[Math.floor(Math.random() * text.length)]!;
    const mutations = [
      (s: string, i: number) => s.slice(0, i) + pick(alphabet) + s.slice(i + 1),
      (s: string, i: number) => s.slice(0, i) + s.slice(i + 1),
      (s: string, i: number) => s.slice(0, i) + pick(alphabet) + s.slice(i),
      (s: string, i: number) => s.slice(0, i),
      (s: string, i: number) => s.slice(i),
      (s: string) => `${s}, ${s.replace("L402", "LSAT")}`,
    ];
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      let header = valid;
      for (let n = 1 + Math.floor(Math.random() * 3); n > 0; n--) header = mutations[Math.floor(Math.random() * mutations.length)]!(header, Math.floor(Math.random() * header.length));
      if (same(header)) continue;
      const result = await verifyHeader(header);
      expect(result.ok, header).toBe(false);
      refused++;
    }
    expect(refused).toBeGreaterThan(2500);
  });
});
