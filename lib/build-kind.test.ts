import { afterEach, describe, expect, it } from "vitest";
import { buildKind, devToolsAllowed } from "@/lib/build-kind";
import { devNodeAllowed } from "@/lib/lightning/lightning";
import { appSecret } from "@/lib/security/app-secret";
import { useFreshDatabase } from "@/test/support/test-database";

// LP_BUILD is inlined by next.config.ts in real builds; here (no Next.js build) it is set by hand.
const saved = { LP_BUILD: process.env.LP_BUILD, NEXT_RUNTIME: process.env.NEXT_RUNTIME };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("the development node and dev secrets", () => {
  it("are refused in a production build even when NODE_ENV says development", async () => {
    process.env.LP_BUILD = "production";
    expect(devToolsAllowed({ NODE_ENV: "development", DEV_NODE_IN_PRODUCTION: "0" })).toBe(false);
    await useFreshDatabase({ NODE_ENV: "development", APP_SECRET: "", DEV_NODE_IN_PRODUCTION: "0" });
    expect(devNodeAllowed()).toBe(false);
    expect(() => appSecret()).toThrow(/APP_SECRET is not set/);
  });

  it("run in a `next dev` build, whatever NODE_ENV says", () => {
    process.env.LP_BUILD = "dev";
    expect(buildKind()).toBe("dev");
    expect(devToolsAllowed({ NODE_ENV: "production", DEV_NODE_IN_PRODUCTION: "0" })).toBe(true);
  });

  it("run in a production build only with the test suite's explicit DEV_NODE_IN_PRODUCTION=1", () => {
    process.env.LP_BUILD = "production";
    expect(devToolsAllowed({ NODE_ENV: "production", DEV_NODE_IN_PRODUCTION: "1" })).toBe(true);
  });

  it("outside any Next.js build (vitest, tsx scripts) follow NODE_ENV; inside a Next.js server without LP_BUILD, refuse", () => {
    delete process.env.LP_BUILD;
    delete process.env.NEXT_RUNTIME;
    expect(buildKind()).toBe("none");
    expect(devToolsAllowed({ NODE_ENV: "test", DEV_NODE_IN_PRODUCTION: "0" })).toBe(true);
    expect(devToolsAllowed({ NODE_ENV: "production", DEV_NODE_IN_PRODUCTION: "0" })).toBe(false);
    process.env.NEXT_RUNTIME = "nodejs";
    expect(devToolsAllowed({ NODE_ENV: "development", DEV_NODE_IN_PRODUCTION: "0" })).toBe(false);
  });
});
