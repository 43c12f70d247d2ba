import { randomBytes } from "node:crypto";
import { exportJWK } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { publicKeySet, publishedKeys, removeSigningKey, rotateSigningKey, signingKey } from "@/lib/access-tokens/signing-keys";
import { useFreshDatabase } from "@/test/support/test-database";

// The rotation schedule against a real SQLite file: a key per ACCESS_TOKEN_KEY_DAYS, retired
// keys published until their last token has expired, then deleted; a changed APP_SECRET or a
// removed key gives a new key; the private key never leaves the server.
const DAY = 86_400_000;
const start = new Date("2026-12-03T00:00:00.000Z");

beforeAll(async () => {
  await useFreshDatabase({ APP_SECRET: randomBytes(32).toString("hex"), ACCESS_TOKEN_SECONDS: "600", ACCESS_TOKEN_KEY_DAYS: "30" });
});
afterEach(() => vi.useRealTimers());

const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(start.getTime() + ms));
};
const kids = async () => (await publishedKeys()).map((key) => key.kid);

describe("signing key rotation", () => {
  it("rotates by age, keeps retired keys until their tokens expire, then drops them", async () => {
    at(0);
    const first = await signingKey();
    expect(await kids()).toEqual([first.kid]);
    at(29 * DAY);
    expect((await signingKey()).kid).toBe(first.kid);

    at(30 * DAY);
    const second = await signingKey();
    expect(second.kid).not.toBe(first.kid);
    expect(await kids()).toEqual([second.kid, first.kid]);
    const retired = await db().signingKey.findUniqueOrThrow({ where: { id: first.kid } });
    expect(retired.retiredAt?.getTime()).toBe(start.getTime() + 30 * DAY);

    // 600 s token lifetime + 60 s clock skew after retirement, the first key goes.
    at(30 * DAY + 660_000);
    expect(await kids()).toEqual([second.kid, first.kid]);
    at(30 * DAY + 660_001);
    expect(await kids()).toEqual([second.kid]);
    // The row itself is deleted by the next prune (at most one a minute).
    at(30 * DAY + 720_001);
    expect(await kids()).toEqual([second.kid]);
    expect(await db().signingKey.count({ where: { id: first.kid } })).toBe(0);
  });

  it("a forced rotation signs with the new key at once; a removed key leaves the JWKS at once", async () => {
    at(40 * DAY);
    const before = await signingKey();
    const rotated = await rotateSigningKey();
    expect((await signingKey()).kid).toBe(rotated);
    expect(await kids()).toEqual([rotated, before.kid]);
    expect(await removeSigningKey(rotated)).toBe(true);
    expect(await removeSigningKey(rotated)).toBe(false);
    expect((await publicKeySet()).map((key) => key.kid)).toEqual([before.kid]);
    // No current key left (the other is retired): the next token gets a new one.
    const next = await signingKey();
    expect([rotated, before.kid]).not.toContain(next.kid);
  });

  it("makes a new key when the stored one was sealed under another APP_SECRET", async () => {
    at(50 * DAY);
    const old = await signingKey();
    // A restart with a new secret: the in-memory key is gone with the process.
    vi.resetModules();
    process.env.APP_SECRET = randomBytes(32).toString("hex");
    resetEnvForTests();
    const fresh = await import("@/lib/access-tokens/signing-keys");
    const next = await fresh.signingKey();
    expect(next.kid).not.toBe(old.kid);
    expect((await fresh.publicKeySet()).map((key) => key.kid)).toContain(old.kid);
  });

  it("publishes only public members: the private key is in no JWK and stored sealed", async () => {
    const { key, kid } = await signingKey();
    const privateJwk = await exportJWK(key);
    const published = await publishedKeys();
    for (const jwk of published) expect(Object.keys(jwk).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    expect(JSON.stringify(published)).not.toContain(privateJwk.d!);
    const rows = await db().signingKey.findMany();
    expect(JSON.stringify(rows)).not.toContain(privateJwk.d!);
    expect(rows.find((row) => row.id === kid)?.alg).toBe("EdDSA");
  });
});
