import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accessTokenRequest, parseResource } from "@/lib/access-tokens/access-token-input";
import { dropRetiredBefore, needsNewKey, publishedUntil } from "@/lib/access-tokens/key-schedule";
import { seal, unseal } from "@/lib/access-tokens/key-sealing";
import { accessTokenClaims, subjectFor } from "@/lib/access-tokens/token-claims";

const ID = "clz0000000000000000000001";
const now = new Date("2026-12-03T01:00:00.000Z");
const base = {
  issuer: "https://press.example",
  audience: "https://press.example",
  subject: "s",
  jti: "j",
  grants: { type: "article", article_id: ID, slug: "hello" } as const,
  paidMsats: 21_999n,
  heldUntil: null,
  now,
  lifetimeSeconds: 600,
};

describe("access token claims", () => {
  it("carries issuer, audience, subject, what it grants, the sats paid (rounded down) and a lifetime from the setting", () => {
    const claims = accessTokenClaims(base)!;
    expect(claims).toEqual({
      iss: "https://press.example",
      aud: "https://press.example",
      sub: "s",
      iat: 1_796_259_600,
      exp: 1_796_259_600 + 600,
      jti: "j",
      grants: { type: "article", article_id: ID, slug: "hello" },
      paid_sats: 21,
    });
  });

  it("ends with the pass it proves when that comes first, and is refused once the pass has ended", () => {
    const passEnd = new Date(now.getTime() + 90_000);
    expect(accessTokenClaims({ ...base, heldUntil: passEnd })!.exp).toBe(Math.floor(passEnd.getTime() / 1000));
    expect(accessTokenClaims({ ...base, heldUntil: new Date(now.getTime() + 3_600_000) })!.exp).toBe(1_796_259_600 + 600);
    expect(accessTokenClaims({ ...base, heldUntil: new Date(now.getTime() - 1) })).toBeNull();
  });

  it("names the holder by a pairwise id: stable per audience, different across audiences and holders, unrelated to the site's ids", () => {
    const secret = randomBytes(32);
    const a = subjectFor(`user:${ID}`, "https://a.example", secret);
    expect(subjectFor(`user:${ID}`, "https://a.example", secret)).toBe(a);
    expect(subjectFor(`user:${ID}`, "https://b.example", secret)).not.toBe(a);
    expect(subjectFor(`buyer:${ID}`, "https://a.example", secret)).not.toBe(a);
    expect(subjectFor(`user:${ID}`, "https://a.example", randomBytes(32))).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(a).not.toContain(ID);
  });
});

describe("access token requests", () => {
  it("parses the four resource forms and nothing else", () => {
    expect(parseResource(`article:${ID}`)).toEqual({ kind: "article", id: ID });
    expect(parseResource(`file:${ID}`)).toEqual({ kind: "file", id: ID });
    expect(parseResource("pass:site")).toEqual({ kind: "pass", issuerId: null });
    expect(parseResource(`pass:author:${ID}`)).toEqual({ kind: "pass", issuerId: ID });
    for (const bad of ["", "article:", "article:X", `article:${ID}`.padEnd(50, "x"), `Article:${ID}`, "pass:", "pass:author:", `pass:site:${ID}`, `upvote:${ID}`, ` article:${ID}`, `article:${ID}\n`]) {
      expect(parseResource(bad), bad).toBeNull();
    }
    expect(accessTokenRequest.safeParse({ resource: `article:${ID}`, audience: "https://x.example" }).success).toBe(true);
    for (const body of [{}, { resource: 1 }, { resource: "x" }, { resource: `article:${ID}`, audience: "" }, null, []]) {
      expect(accessTokenRequest.safeParse(body).success).toBe(false);
    }
  });
});

describe("signing key schedule", () => {
  const DAY = 86_400_000;
  it("makes a new key when there is none or the current one has reached the rotation age", () => {
    expect(needsNewKey(null, now, 30)).toBe(true);
    expect(needsNewKey({ createdAt: new Date(now.getTime() - 30 * DAY + 1) }, now, 30)).toBe(false);
    expect(needsNewKey({ createdAt: new Date(now.getTime() - 30 * DAY) }, now, 30)).toBe(true);
    expect(needsNewKey({ createdAt: new Date(now.getTime() - 2 * DAY) }, now, 1)).toBe(true);
  });

  it("keeps a retired key published for the last token it signed (lifetime + clock skew), the current one always", () => {
    expect(publishedUntil(null, 600)).toBeNull();
    expect(publishedUntil(now, 600)!.getTime()).toBe(now.getTime() + 660_000);
    expect(dropRetiredBefore(now, 600).getTime()).toBe(now.getTime() - 660_000);
  });
});

describe("sealed private keys", () => {
  it("open only with the secret they were sealed under, and never hold the key in clear", () => {
    const secret = randomBytes(32);
    const key = randomBytes(48);
    const sealed = seal(key, secret);
    expect(unseal(sealed, secret)).toEqual(key);
    expect(sealed).not.toContain(key.toString("base64url"));
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
    const [iv, tag, data] = sealed.split(".");
    const flipped = `${iv}.${tag}.${data!.startsWith("A") ? "B" : "A"}${data!.slice(1)}`;
    expect(() => unseal(flipped, secret)).toThrow();
  });
});
