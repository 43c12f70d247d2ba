#!/usr/bin/env node
// npm run dev: installs what is missing, migrates and seeds the SQLite database, then starts
// Next.js in development mode on $PORT (3000) with the built-in development Lightning node
// (or LND when LND_* or .env.lightning is set).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "./ensure-installed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
ensureInstalled();
const { prepareDatabase } = await import("./prepare-database.mjs");
await prepareDatabase({ seed: true, quiet: true });

const port = process.env.PORT ?? "3000";
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const child = spawn(process.execPath, [next, "dev", "--port", port, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
