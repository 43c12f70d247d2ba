import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // `server-only` throws outside React server builds; tests run lib/ code directly in Node.
  "server-only": path.join(root, "test/support/empty-module.ts"),
};

// A developer's .env.lightning (a running regtest or Polar network) must not steer the tests.
const TEST_ENV = { LIGHTNING_ENV_FILE: "none" };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "test/unit/**/*.test.ts"],
          environment: "node",
          env: TEST_ENV,
          pool: "forks",
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          env: TEST_ENV,
          pool: "forks",
          // Each file starts its own production server; two cores run them one at a time.
          fileParallelism: false,
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          // Chromium (playwright-core) against the production build.
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          env: TEST_ENV,
          pool: "forks",
          fileParallelism: false,
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "cluster",
          // Several instances on one PostgreSQL: shared events, leadership, `npm run cluster`, and
          // the fault tests on the regtest network (private PostgreSQL servers from
          // test/support/postgres-server.ts, so a test may restart or kill its own).
          include: ["test/cluster/**/*.test.ts"],
          environment: "node",
          env: TEST_ENV,
          pool: "forks",
          fileParallelism: false,
          globalSetup: ["test/support/global-setup.ts", "test/support/regtest-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 25 * 60_000,
          // Alone, after every other project: its timings (unlock p99, failover) must not share
          // two cores with the other suites' servers.
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "lnd",
          // The site against a real LND: alice and bob on a native regtest network.
          include: ["test/lnd/**/*.test.ts"],
          environment: "node",
          env: TEST_ENV,
          pool: "forks",
          fileParallelism: false,
          globalSetup: ["test/support/global-setup.ts", "test/support/regtest-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 25 * 60_000,
        },
      },
    ],
  },
});
