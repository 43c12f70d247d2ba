import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// better-sqlite3 compiles from source here (about a minute on 2 cores): the Prisma adapter must
// use the project's copy (package.json "overrides"), not a second major version of its own.
const root = path.resolve(import.meta.dirname, "../..");

describe("one better-sqlite3", () => {
  it("is the only copy in package-lock.json", () => {
    const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    const copies = Object.keys(lock.packages).filter((key) => key.endsWith("node_modules/better-sqlite3"));
    expect(copies).toEqual(["node_modules/better-sqlite3"]);
  });

  it("is the one @prisma/adapter-better-sqlite3 loads", () => {
    const fromRoot = createRequire(path.join(root, "package.json")).resolve("better-sqlite3");
    const adapter = createRequire(path.join(root, "package.json")).resolve("@prisma/adapter-better-sqlite3");
    expect(createRequire(adapter).resolve("better-sqlite3")).toBe(fromRoot);
  });
});
