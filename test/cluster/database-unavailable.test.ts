import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { resetEnvForTests } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { type PostgresServer, startPostgresServer } from "@/test/support/postgres-server";
import { createPostgresDatabase } from "@/test/support/test-database";

// While PostgreSQL is down (a restart, a failover) route handlers say so with 503 and
// Retry-After, not a 500 that reads like a bug, and work again once it is back.
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgresServer();
  process.env.DATABASE_URL = createPostgresDatabase("unavailable", server.url).url;
  resetEnvForTests();
  await disconnectDb();
});
afterAll(async () => {
  await disconnectDb();
  server?.stop();
});

// What route() answers for a handler that reads the database (route() hands errors to errorResponse).
const call = async () => {
  try {
    return Response.json({ articles: await db().article.count() });
  } catch (error) {
    return errorResponse(error);
  }
};

describe("the database going away under a route", () => {
  it("answers 503 database_unavailable with Retry-After while PostgreSQL is stopped, then 200 again", async () => {
    expect((await call()).status).toBe(200);
    await server.stopAsync();
    const down = await call();
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await down.json()).error.code).toBe("database_unavailable");
    await server.startAsync();
    let back = await call();
    for (let i = 0; i < 20 && back.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await call();
    }
    expect(back.status).toBe(200);
  });

  it("tells real unreachability (queries and transactions) from a bug", async () => {
    await server.stopAsync();
    const failures = await Promise.all([
      db().article.count().catch((error: unknown) => error),
      db().$queryRaw`SELECT 1`.catch((error: unknown) => error),
      db().$transaction(async (tx) => tx.article.count()).catch((error: unknown) => error),
    ]);
    await server.startAsync();
    for (const error of failures) expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    await db().user.create({ data: { id: "same" } });
    const unique = await db().user.create({ data: { id: "same" } }).catch((error: unknown) => error);
    expect(unique).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(unique)).toBe(false);
  });
});
