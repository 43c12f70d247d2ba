#!/usr/bin/env node
// Runs the Prisma CLI offline. Prisma 6.19 works end to end with its WebAssembly engines
// (see prisma.config.ts), but the CLI still checks that native engine files exist and tries
// to download them when they do not; pointing both variables at any existing file stops that.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dummy = path.join(root, "node_modules", ".cache", "prisma-no-native-engine");

export function prismaEnv(extra = {}) {
  if (!existsSync(dummy)) {
    mkdirSync(path.dirname(dummy), { recursive: true });
    writeFileSync(dummy, "placeholder: the WebAssembly engines are used instead\n");
  }
  return {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: dummy,
    PRISMA_SCHEMA_ENGINE_BINARY: dummy,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

const isPostgres = (url) => /^postgres(ql)?:\/\//.test(url ?? "");

export function runPrisma(args, extraEnv = {}, quiet = false) {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  // On PostgreSQL the CLI keeps a 10 s timer alive after its work: see scripts/pg/unref-timers.cjs.
  const preload = isPostgres(extraEnv.DATABASE_URL ?? process.env.DATABASE_URL) ? ["--require", path.join(root, "scripts", "pg", "unref-timers.cjs")] : [];
  const result = spawnSync(process.execPath, [...preload, cli, ...args], {
    cwd: root,
    env: prismaEnv(extraEnv),
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`prisma ${args.join(" ")} failed with exit code ${result.status}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    runPrisma(args);
    // `generate` makes both clients: the code imports the SQLite one's types and the
    // PostgreSQL one at run time when DATABASE_URL is postgresql://.
    if (args[0] === "generate" && !args.includes("--schema") && !isPostgres(process.env.DATABASE_URL)) {
      runPrisma(args, { DATABASE_URL: "postgresql://localhost/unused" });
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
