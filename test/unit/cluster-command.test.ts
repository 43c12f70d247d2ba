import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs scripts without types
import { redactDatabaseUrl } from "@/scripts/cluster/cluster-state.mjs";
// @ts-expect-error: plain .mjs scripts without types
import { instanceEnv } from "@/scripts/cluster/instances.mjs";
// @ts-expect-error: plain .mjs scripts without types
import { clusterDatabaseUrl, parseInstances } from "@/scripts/cluster/start-cluster.mjs";

// The parts of `npm run cluster` that need no processes (the whole command runs in
// test/cluster/cluster-command.test.ts).
describe("npm run cluster's settings", () => {
  it("shows the database without its password or query", () => {
    expect(redactDatabaseUrl("postgresql://press:s3cret@db.example:5432/press?sslmode=require")).toBe("postgresql://press@db.example:5432/press");
    expect(redactDatabaseUrl("not a url")).not.toContain("not a url");
  });

  it("gives each instance its id and port, SITE_URL defaulting to the proxy, and trusts nginx on 127.0.0.1", () => {
    const env = instanceEnv({ id: "instance-2", port: 4102, databaseUrl: "postgresql://x@h/db", proxyUrl: "http://127.0.0.1:3000" }, { TRUSTED_PROXIES: "10.0.0.0/8", APP_SECRET: "a".repeat(32), NODE_ENV: "development" });
    expect(env).toMatchObject({ INSTANCE_ID: "instance-2", PORT: "4102", DATABASE_URL: "postgresql://x@h/db", SITE_URL: "http://127.0.0.1:3000", NODE_ENV: "production", APP_SECRET: "a".repeat(32) });
    expect(env.TRUSTED_PROXIES).toBe("10.0.0.0/8,127.0.0.1");
    expect(instanceEnv({ id: "i", port: 1, databaseUrl: "", proxyUrl: "http://127.0.0.1:3000" }, { SITE_URL: "https://press.example", TRUSTED_PROXIES: "127.0.0.1" })).toMatchObject({
      SITE_URL: "https://press.example",
      TRUSTED_PROXIES: "127.0.0.1",
    });
  });

  it("refuses SQLite and anything but PostgreSQL, and instance counts out of range", () => {
    expect(() => clusterDatabaseUrl({ DATABASE_URL: "file:./data/dev.db" })).toThrow(/needs PostgreSQL: DATABASE_URL is a SQLite file/);
    expect(() => clusterDatabaseUrl({ DATABASE_URL: "mysql://u:p@h/db" })).toThrow(/must be a postgresql:\/\/ URL/);
    expect(clusterDatabaseUrl({ DATABASE_URL: "postgres://u:p@h/db" })).toBe("postgres://u:p@h/db");
    expect(parseInstances("3")).toBe(3);
    for (const bad of ["0", "33", "2.5", "x"]) expect(() => parseInstances(bad)).toThrow(/from 1 to 32/);
  });
});
