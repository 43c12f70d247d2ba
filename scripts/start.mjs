#!/usr/bin/env node
// npm start: production server on $PORT (3000). Builds first if there is no build, applies
// migrations, then runs `next start`. Needs LND settings and APP_SECRET (see README).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareDatabase } from "./prepare-database.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  const build = spawnSync(process.execPath, [next, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await prepareDatabase({ quiet: true });
const port = process.env.PORT ?? "3000";
const child = spawn(process.execPath, [next, "start", "--port", port], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
