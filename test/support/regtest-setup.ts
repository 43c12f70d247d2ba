import { regtest } from "./regtest-network";

// Starts (or resumes) the suite's regtest network once for all LND tests, and stops it after.
// The first run on a machine builds lnd and btcd from source (several minutes, then cached).
export async function setup() {
  process.stdout.write(await regtest("start"));
}

export async function teardown() {
  process.stdout.write(await regtest("stop"));
}
