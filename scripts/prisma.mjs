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

export function runPrisma(args, extraEnv = {}, quiet = false) {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
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
    runPrisma(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
