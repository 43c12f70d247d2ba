#!/usr/bin/env node
// Makes a local PostgreSQL server available for the tests (and `npm run cluster`): Debian's
// package, installed when missing (root and apt, as on CI), started when stopped (the package
// never starts it itself), with a role and a database for the test run. Prints the URL.
//
//   node scripts/pg/ensure-postgres.mjs            prints postgresql://paywall:paywall@127.0.0.1:5432/paywall_test
// PG_TEST_URL set: that server is used as it is (nothing installed or started).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROLE = "paywall";
const DATABASE = "paywall_test";
export const DEFAULT_PG_URL = `postgresql://${ROLE}:${ROLE}@127.0.0.1:5432/${DATABASE}`;

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const sh = (command, args, input) => execFileSync(command, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
const asPostgres = (sql) => sh("su", ["postgres", "-c", "psql -v ON_ERROR_STOP=1 -qAtX"], sql);

function install() {
  if (has("pg_ctlcluster") && existsSync("/usr/lib/postgresql")) return;
  if (process.getuid?.() !== 0 || !has("apt-get")) {
    throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (Debian), or set PG_TEST_URL to a server of yours.");
  }
  console.error("== installing PostgreSQL (Debian package)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
}

/** The folder of PostgreSQL's server programs (initdb, pg_ctl), installing the package if needed. */
export function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  const find = () => (existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)).map((version) => path.join(root, version, "bin")) : []).find((dir) => existsSync(path.join(dir, "pg_ctl")));
  if (!find()) install();
  const dir = find();
  if (!dir) throw new Error(`PostgreSQL's server programs are not in ${root}/<version>/bin: apt-get install -y postgresql`);
  return dir;
}

function start() {
  const clusters = sh("pg_lsclusters", ["--no-header"]).trim().split("\n").filter(Boolean).map((line) => line.split(/\s+/));
  if (clusters.length === 0) throw new Error("PostgreSQL has no cluster: pg_createcluster 15 main");
  const [version, name, , status] = clusters[0];
  if (status !== "online") sh("pg_ctlcluster", [version, name, "start"]);
}

function createRoleAndDatabase(database = DATABASE) {
  // CREATEDB: the tests create a database per test file from a migrated template.
  asPostgres(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${ROLE}'; END IF;
  END $$;`);
  const exists = asPostgres(`SELECT 1 FROM pg_database WHERE datname = '${database}'`).trim();
  if (!exists) asPostgres(`CREATE DATABASE ${database} OWNER ${ROLE}`);
}

/** Drops the per-test-file databases a previous run left behind (test/support/test-database.ts). */
export function dropTestDatabases(url) {
  const psql = (args) => execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtX", ...args], { encoding: "utf8" });
  const names = psql(["-c", `SELECT datname FROM pg_database WHERE datname LIKE 't\\_%' OR datname LIKE 'drift\\_%'`]).split("\n").filter(Boolean);
  for (const name of names) psql(["-c", `DROP DATABASE IF EXISTS "${name}"`]);
  return names.length;
}

export function ensurePostgres() {
  if (process.env.PG_TEST_URL) return process.env.PG_TEST_URL;
  return ensureLocalPostgres();
}

/** The local server, installed and started if needed, with `database` (`npm run cluster` uses `paywall`). */
export function ensureLocalPostgres(database = DATABASE) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  install();
  start();
  createRoleAndDatabase(database);
  return `postgresql://${ROLE}:${ROLE}@127.0.0.1:5432/${database}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensurePostgres());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
