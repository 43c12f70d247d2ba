import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userForKey } from "@/lib/auth/login-key-queries";
import { effectiveRole } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { useFreshDatabase } from "@/test/support/test-database";
import { newPrivateKey, publicKeyOf } from "@/test/support/wallet";

const key = () => publicKeyOf(newPrivateKey());

beforeEach(async () => {
  await useFreshDatabase();
});
afterEach(() => {
  delete process.env.ADMIN_PUBKEYS;
  resetEnvForTests();
});

describe("accounts made from keys", () => {
  it("makes exactly one account per key, even when the same key signs in many times at once", async () => {
    const pubkey = key();
    const ids = (await Promise.all(Array.from({ length: 10 }, () => userForKey(pubkey, "lnurl")))).map((signedIn) => signedIn.userId);
    expect(new Set(ids).size).toBe(1);
    expect(await db().user.count()).toBe(1);
    expect((await db().profile.findUniqueOrThrow({ where: { userId: ids[0] } })).identityPubkey).toBe(pubkey);
  });

  it("makes the first account admin on a site without ADMIN_PUBKEYS, and only one of many racing", async () => {
    const ids = (await Promise.all(Array.from({ length: 8 }, () => userForKey(key(), "lnurl")))).map((signedIn) => signedIn.userId);
    const roles = await db().user.findMany({ where: { id: { in: ids } }, select: { role: true } });
    expect(roles.filter((user) => user.role === "admin")).toHaveLength(1);
  });

  it("takes admins from ADMIN_PUBKEYS when set, and then the first account is a reader", async () => {
    const admin = key();
    process.env.ADMIN_PUBKEYS = `${admin.toUpperCase()}, 02${"ab".repeat(32)}`;
    resetEnvForTests();
    const { userId: first } = await userForKey(key(), "lnurl");
    expect((await db().user.findUniqueOrThrow({ where: { id: first } })).role).toBe("reader");
    expect(effectiveRole("reader", [admin])).toBe("admin");
    expect(effectiveRole("author", [key()])).toBe("author");
    expect(effectiveRole("reader", [])).toBe("reader");
  });

  it("promotes the first account once per site, ever: later accounts stay readers even after ADMIN_PUBKEYS is emptied", async () => {
    process.env.ADMIN_PUBKEYS = key();
    resetEnvForTests();
    const { userId: first } = await userForKey(key(), "lnurl");
    delete process.env.ADMIN_PUBKEYS;
    resetEnvForTests();
    const { userId: second } = await userForKey(key(), "lnurl");
    const roles = await db().user.findMany({ where: { id: { in: [first, second] } }, select: { role: true } });
    expect(roles.map((user) => user.role)).toEqual(["reader", "reader"]);
    expect(await db().siteClaim.findUniqueOrThrow({ where: { name: "first-account" } })).toMatchObject({ userId: first });
  });
});
