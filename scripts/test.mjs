#!/usr/bin/env node
// npm test: the whole suite. Installs npm dependencies if needed, checks for Chromium and Go,
// builds the production bundle the integration tests run against, then runs vitest: unit tests,
// integration and browser tests on the development node, and the LND tests, which start their
// own regtest network (.regtest-test/; lnd and btcd are built from source on first use and
// cached in ~/.cache/paywall-ln). Your dev database and .regtest/ are never touched.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "./ensure-installed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label, command, args) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  return result.status ?? 1;
}

ensureInstalled();
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. The browser tests need it: apt-get install chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

const go = spawnSync("sh", ["-c", "command -v go || test -x /usr/local/go/bin/go"], { stdio: "ignore" });
if (go.status !== 0) {
  console.error("Go not found. The LND tests build lnd and btcd from source: install Go 1.23+ (or set GO=/path/to/go).");
  process.exit(1);
}

rmSync(path.join(root, ".test-tmp"), { recursive: true, force: true });
mkdirSync(path.join(root, ".test-tmp"), { recursive: true });
if (run("typecheck", process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "--noEmit"]) !== 0) process.exit(1);
if (run("production build", process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"]) !== 0) process.exit(1);

const report = path.join(root, ".test-tmp", "vitest-report.json");
const status = run("tests (unit, integration, browser, LND on regtest)", process.execPath, [
  path.join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

// One plain closing line, whatever the reporter printed above it.
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, "utf8"));
  console.log(`\nTests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`);
}
process.exit(status);
