#!/usr/bin/env node
// npm test: the whole suite. Installs npm dependencies if needed, checks for Chromium and Go,
// builds the production bundle the integration tests run against, then runs vitest twice:
//  1. on SQLite (the embedded default): unit, integration and the LND tests, which start their
//     own regtest network (.regtest-test/; lnd and btcd are built from source on first use and
//     cached in ~/.cache/paywall-ln);
//  2. on PostgreSQL (scripts/pg/ensure-postgres.mjs; each test file on its own database copied
//     from a migrated template): the same unit, integration and LND tests, the browser tests
//     (Chromium, once: they test pages, which both databases serve alike), and the cluster tests
//     (several instances behind nginx on private PostgreSQL servers, alone at the end).
// TEST_POSTGRES=0 skips the second run and runs the browser tests on SQLite instead. Your dev
// database and .regtest/ are never touched.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "./ensure-installed.mjs";
import { dropTestDatabases, ensurePostgres } from "./pg/ensure-postgres.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
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

const vitest = (report, args) => [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args];
const reports = [path.join(root, ".test-tmp", "vitest-report.json")];
const postgres = process.env.TEST_POSTGRES !== "0";
const given = process.argv.slice(2);
const projects = (...names) => names.flatMap((name) => ["--project", name]);
const sqliteArgs = given.length > 0 ? given : projects("unit", "integration", "lnd", ...(postgres ? [] : ["browser"]));
let status = run(`tests on SQLite (${postgres ? "unit, integration, LND on regtest" : "unit, integration, browser, LND on regtest"})`, process.execPath, vitest(reports[0], sqliteArgs));

// The same unit and integration suites on PostgreSQL (a local Debian server, installed and
// started when missing; TEST_POSTGRES=0 skips this part). First the schema drift check.
if (postgres) {
  const pgUrl = ensurePostgres();
  dropTestDatabases(pgUrl);
  if (run("PostgreSQL schema and migrations in step with prisma/schema.prisma", process.execPath, [path.join(root, "scripts/pg/derive-schema.mjs"), "--check"]) !== 0) status = 1;
  reports.push(path.join(root, ".test-tmp", "vitest-report-postgres.json"));
  const args = given.length > 0 ? given : projects("unit", "integration", "browser", "lnd", "cluster");
  const pgStatus = run("tests on PostgreSQL (unit, integration, browser, LND on regtest; then the cluster tests)", process.execPath, vitest(reports[1], args), { TEST_DATABASE: "postgres", PG_TEST_URL: pgUrl });
  if (pgStatus !== 0) status = pgStatus;
  dropTestDatabases(pgUrl);
}

// One plain closing line, whatever the reporter printed above it.
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const report of reports.filter((file) => existsSync(file))) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, "utf8"));
  totals.passed += numPassedTests;
  totals.failed += numFailedTests;
  totals.skipped += numPendingTests + numTodoTests;
}
if (reports.some((file) => existsSync(file))) console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (SQLite and PostgreSQL runs)`);
process.exit(status);
