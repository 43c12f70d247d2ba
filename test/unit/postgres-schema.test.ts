import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { deriveSchema } from "@/scripts/pg/derive-schema.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("the PostgreSQL schema, derived from prisma/schema.prisma", () => {
  it("is committed as scripts/pg/derive-schema.mjs writes it (run it after changing the schema)", () => {
    expect(read("prisma/schema.postgres.prisma")).toBe(deriveSchema(read("prisma/schema.prisma")));
  });

  it("swaps only the provider and the client's output", () => {
    const derived = (deriveSchema(read("prisma/schema.prisma")) as string).split("\n").slice(1);
    const source = read("prisma/schema.prisma").split("\n");
    const changed = derived.filter((line, i) => line !== source[i]).map((line) => line.trim());
    expect(changed).toEqual(['output       = "../lib/generated/prisma-pg"', 'provider = "postgresql"']);
  });

  it("keeps 64-bit values in 64-bit columns (Prisma's Int is 32-bit on PostgreSQL)", () => {
    const fields = read("prisma/schema.prisma").split("\n").filter((line) => /^\s+\w*(settleIndex|Msats)\s/.test(line));
    expect(fields.length).toBeGreaterThanOrEqual(10);
    for (const line of fields) expect(line).toMatch(/\sBigInt\??(\s|$)/);
  });

  it("has a PostgreSQL migrations folder with a baseline", () => {
    const dirs = readdirSync(path.join(root, "prisma", "migrations-postgres")).filter((d) => /^\d+_/.test(d));
    expect(dirs.length).toBeGreaterThanOrEqual(1);
    expect(read("prisma/migrations-postgres/migration_lock.toml")).toContain('provider = "postgresql"');
  });
});
