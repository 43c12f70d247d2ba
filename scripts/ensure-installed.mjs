// Installs npm dependencies when node_modules is missing or older than package-lock.json, so a
// fresh clone needs a single command. Uses only Node built-ins: it runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const fresh = existsSync(marker) && existsSync(path.join(root, "lib", "generated", "prisma", "client.ts")) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log("Installing dependencies (npm install)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // better-sqlite3 compiles from source when no prebuilt binary can be downloaded; the installed
  // Node headers spare node-gyp a download that offline machines cannot make.
  const env = { ...process.env };
  if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";
  const result = spawnSync(npm, ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error("npm install failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}
