import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALICE, BOB, CAROL_CLN, type Node, connect, freshDir, lndPaths, networkJson, polarHome, removeFixtures, writeNetwork } from "@/test/support/polar-fixture";

// polar/connect.mjs against fake Polar data folders (test/support/polar-fixture.ts).
afterAll(removeFixtures);

describe("polar/connect.mjs", () => {
  it("writes alice as the site's node and bob as the payer, ports read from docker-compose.yml", () => {
    const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB, CAROL_CLN] }]);
    const run = connect(["--home", polar.home]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const alice = lndPaths(polar.dir(1), "alice");
    const bob = lndPaths(polar.dir(1), "bob");
    expect(run.env).toEqual({
      LND_SOCKET: "127.0.0.1:10001",
      LND_CERT: alice.cert,
      LND_MACAROON: alice.macaroon,
      REGTEST_BOB_SOCKET: "127.0.0.1:10005",
      REGTEST_BOB_CERT: bob.cert,
      REGTEST_BOB_MACAROON: bob.macaroon,
    });
    expect(path.isAbsolute(run.env!.LND_CERT!)).toBe(true);
    expect(readFileSync(run.envFile, "utf8")).toMatch(/^# Written by polar\/connect\.mjs/);
    expect(run.stdout).toContain("alice (LND) 127.0.0.1:10001");
    expect(run.stdout).toContain("bob (LND) 127.0.0.1:10005 pays");
    expect(run.stdout).toContain(run.envFile);
  });

  it("uses invoice.macaroon for the site with --macaroon invoice; the payer keeps admin", () => {
    const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB] }]);
    const run = connect(["--home", polar.home, "--macaroon", "invoice"]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_MACAROON).toBe(lndPaths(polar.dir(1), "alice", "invoice").macaroon);
    expect(run.env!.REGTEST_BOB_MACAROON).toBe(lndPaths(polar.dir(1), "bob", "admin").macaroon);
  });

  it("finds networks under ~/.local/share/polar when that folder exists", () => {
    const polar = polarHome([{ id: 3, name: "xdg", nodes: [ALICE, BOB] }], ".local/share/polar");
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_CERT).toBe(lndPaths(polar.dir(3), "alice").cert);
  });

  it("reads plain and double-quoted port strings too; --node and --payer pick other nodes", () => {
    const dave: Node = { name: "dave", kind: "LND", id: 3, grpc: 10004 };
    const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB, dave], quote: "" }]);
    const run = connect(["--home", polar.home, "--node", "dave", "--payer", "alice"]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_SOCKET).toBe("127.0.0.1:10004");
    expect(run.env!.REGTEST_BOB_SOCKET).toBe("127.0.0.1:10001");
    const quoted = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB], quote: '"' }]);
    expect(connect(["--home", quoted.home]).env!.REGTEST_BOB_SOCKET).toBe("127.0.0.1:10005");
  });

  it("falls back to Polar's numbering (10001 + node id) when compose publishes no gRPC port", () => {
    const polar = polarHome([{ id: 1, name: "paywall", nodes: [{ ...ALICE, grpc: undefined }, BOB] }]);
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_SOCKET).toBe("127.0.0.1:10001");
    expect(run.stdout).toContain("default numbering");
  });

  it("pays from the next LND node when bob is not LND (Polar alternates implementations)", () => {
    // "2 LND + 1 c-lightning" in Polar's create dialog gives alice (LND), bob (c-lightning), carol (LND).
    const nodes: Node[] = [ALICE, { name: "bob", kind: "c-lightning", id: 1 }, { name: "carol", kind: "LND", id: 2, grpc: 10003 }];
    const polar = polarHome([{ id: 1, name: "mixed", nodes }]);
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(run.env!.REGTEST_BOB_SOCKET).toBe("127.0.0.1:10003");
    expect(run.env!.REGTEST_BOB_CERT).toBe(lndPaths(polar.dir(1), "carol").cert);
  });

  it("writes no payer with a single LND node, or with --payer none", () => {
    const polar = polarHome([{ id: 1, name: "solo", nodes: [ALICE, CAROL_CLN] }]);
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(Object.keys(run.env!).sort()).toEqual(["LND_CERT", "LND_MACAROON", "LND_SOCKET"]);
    expect(run.stdout).toContain("payer      none");
    const both = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB] }]);
    expect(connect(["--home", both.home, "--payer", "none"]).env!.REGTEST_BOB_SOCKET).toBeUndefined();
  });

  it("lists the networks and exits 2 when there are several and no --network", () => {
    const polar = polarHome([
      { id: 1, name: "paywall", nodes: [ALICE, BOB] },
      { id: 2, name: "other", nodes: [ALICE, BOB] },
    ]);
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(2);
    expect(run.env).toBeUndefined();
    expect(run.stderr).toContain("--network 1");
    expect(run.stderr).toContain("--network 2");
    expect(run.stderr).toContain("other");

    const byId = connect(["--home", polar.home, "--network", "2"]);
    expect(byId.code).toBe(0);
    expect(byId.env!.LND_CERT).toBe(lndPaths(polar.dir(2), "alice").cert);
    const byName = connect(["--home", polar.home, "--network", "paywall"]);
    expect(byName.env!.LND_CERT).toBe(lndPaths(polar.dir(1), "alice").cert);
  });

  it("takes the network Polar marks as started when exactly one is", () => {
    const polar = polarHome([
      { id: 1, name: "old", nodes: [ALICE, BOB] },
      { id: 2, name: "running", nodes: [ALICE, BOB], status: 1 },
    ]);
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_CERT).toBe(lndPaths(polar.dir(2), "alice").cert);
  });

  it("connects to a network folder given with --path (e.g. an unpacked .polar.zip)", () => {
    const dir = path.join(freshDir("export"), "paywall-network");
    writeNetwork(dir, 7, [ALICE, BOB]);
    writeFileSync(path.join(dir, "export.json"), JSON.stringify({ network: networkJson(7, "exported", dir, [ALICE, BOB]), chart: {} }));
    const run = connect(["--path", dir]);
    expect(run.code).toBe(0);
    expect(run.env!.LND_MACAROON).toBe(lndPaths(dir, "alice").macaroon);
    expect(run.stdout).toContain('"exported"');
  });

  it("quotes paths with spaces so the site's dotenv parser reads them back whole", () => {
    const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB] }], ".polar", path.join(freshDir(), "Jane Doe"));
    const run = connect(["--home", polar.home]);
    expect(run.code).toBe(0);
    expect(readFileSync(run.envFile, "utf8")).toContain(`LND_CERT='${lndPaths(polar.dir(1), "alice").cert}'`);
    expect(run.env!.LND_CERT).toBe(lndPaths(polar.dir(1), "alice").cert);
  });

  describe("errors: one line, exit 1, no env file", () => {
    const expectError = (run: ReturnType<typeof connect>, text: RegExp) => {
      expect(run.code).toBe(1);
      expect(run.env).toBeUndefined();
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(text);
    };

    it("no Polar folder", () => {
      expectError(connect(["--home", freshDir()]), /no Polar networks folder/);
    });

    it("a Polar folder without networks", () => {
      const home = freshDir();
      mkdirSync(path.join(home, ".polar/networks"), { recursive: true });
      expectError(connect(["--home", home]), /no networks in/);
    });

    it("network not found", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB] }]);
      expectError(connect(["--home", polar.home, "--network", "9"]), /network "9" not found.*1 "paywall"/);
    });

    it("node not found", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB, CAROL_CLN] }]);
      expectError(connect(["--home", polar.home, "--node", "zed"]), /node "zed" not found.*alice \(LND\), bob \(LND\), carol \(c-lightning\)/);
    });

    it("node is not LND", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB, CAROL_CLN] }]);
      expectError(connect(["--home", polar.home, "--node", "carol"]), /"carol" is a c-lightning node, not LND; LND nodes here: alice, bob/);
      expectError(connect(["--home", polar.home, "--payer", "backend1"]), /"backend1" is a bitcoind node/);
    });

    it("no LND node at all", () => {
      const polar = polarHome([{ id: 1, name: "cln only", nodes: [{ name: "alice", kind: "c-lightning", id: 0 }] }]);
      expectError(connect(["--home", polar.home]), /has no LND node/);
    });

    it("missing macaroon (network never started)", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB], skip: ["alice/data/chain/bitcoin/regtest/admin.macaroon"] }]);
      const missing = lndPaths(polar.dir(1), "alice").macaroon;
      expectError(connect(["--home", polar.home]), new RegExp(`missing ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: start network 1`));
    });

    it("missing payer cert", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB], skip: ["bob/tls.cert"] }]);
      expectError(connect(["--home", polar.home]), /missing .*bob\/tls\.cert/);
    });

    it("bad flags", () => {
      expectError(connect(["--nope"]), /Unknown option '--nope'/);
      expectError(connect(["--macaroon", "readonly"]), /--macaroon must be admin or invoice/);
    });
  });

  describe("--remove", () => {
    it("deletes the env file it wrote", () => {
      const polar = polarHome([{ id: 1, name: "paywall", nodes: [ALICE, BOB] }]);
      const written = connect(["--home", polar.home]);
      expect(existsSync(written.envFile)).toBe(true);
      const removed = connect(["--remove"], written.envFile);
      expect(removed.code).toBe(0);
      expect(existsSync(written.envFile)).toBe(false);
      expect(connect(["--remove"], written.envFile).code).toBe(0); // nothing left: still fine
    });

    it("leaves an env file written by something else (the regtest harness) alone", () => {
      const envFile = path.join(freshDir("env"), ".env.lightning");
      writeFileSync(envFile, "# Written by scripts/regtest/regtest.mjs start; removed by stop. Local regtest only.\nLND_SOCKET=127.0.0.1:10009\n");
      const run = connect(["--remove"], envFile);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/not written by polar\/connect/);
      expect(existsSync(envFile)).toBe(true);
    });
  });
});
