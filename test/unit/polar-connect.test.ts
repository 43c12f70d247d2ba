import { describe, it, expect, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";

// polar/connect.mjs against fake Polar data folders laid out as Polar lays them out:
// <home>/.polar/networks/networks.json, networks/<id>/docker-compose.yml and
// networks/<id>/volumes/{bitcoind,lnd,c-lightning}/<node>/... The compose text follows what
// Polar's js-yaml dump produces (service = node name, "host:container" port strings).

const SCRIPT = path.resolve(import.meta.dirname, "../../polar/connect.mjs");
const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "polar-connect-"));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

let counter = 0;
function freshDir(name = "home") {
  const dir = path.join(tmpRoot, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

type Node = { name: string; kind: "LND" | "c-lightning"; grpc?: number; id: number };

function bitcoindService(networkId: number) {
  return `  backend1:
    environment:
      USERID: \${USERID:-1000}
      GROUPID: \${GROUPID:-1000}
    stop_grace_period: 5m
    image: polarlightning/bitcoind:29.0
    container_name: polar-n${networkId}-backend1
    hostname: backend1
    command: >-
      bitcoind -server=1 -regtest=1
      -rpcauth=polaruser:5e5e98c21f5c814568f8b55d83b23c1c$$066b03f92df30b11de8e4b1b1cd5b1b4281aa25205bd57df9be82caf97a05526
      -debug=1 -zmqpubrawblock=tcp://0.0.0.0:28334 -zmqpubrawtx=tcp://0.0.0.0:28335
      -txindex=1 -dnsseed=0 -upnp=0 -rpcbind=0.0.0.0 -rpcallowip=0.0.0.0/0
      -rpcport=18443 -rest -listen=1 -listenonion=0 -fallbackfee=0.0002
    volumes:
      - ./volumes/bitcoind/backend1:/home/bitcoin/.bitcoin
    expose:
      - '18443'
      - '18444'
      - '28334'
      - '28335'
    ports:
      - '18443:18443'
      - '19444:18444'
      - '28334:28334'
      - '29335:28335'
`;
}

function lndService(networkId: number, node: Node, quote: string) {
  const ports = node.grpc === undefined ? "" : `    ports:
      - ${quote}${8081 + node.id}:8080${quote}
      - ${quote}${node.grpc}:10009${quote}
      - ${quote}${9735 + node.id}:9735${quote}
`;
  return `  ${node.name}:
    environment:
      USERID: \${USERID:-1000}
      GROUPID: \${GROUPID:-1000}
    stop_grace_period: 30s
    image: polarlightning/lnd:0.20.0-beta
    container_name: polar-n${networkId}-${node.name}
    hostname: ${node.name}
    command: >-
      lnd --noseedbackup --trickledelay=5000 --alias=${node.name} --externalip=${node.name}
      --tlsextradomain=${node.name} --tlsextradomain=polar-n${networkId}-${node.name}
      --listen=0.0.0.0:9735 --rpclisten=0.0.0.0:10009 --restlisten=0.0.0.0:8080
      --bitcoin.active --bitcoin.regtest --bitcoin.node=bitcoind
      --bitcoind.rpchost=polar-n${networkId}-backend1 --bitcoind.rpcuser=polaruser
      --bitcoind.rpcpass=polarpass
    restart: always
    volumes:
      - ./volumes/lnd/${node.name}:/home/lnd/.lnd
    expose:
      - '8080'
      - '10009'
      - '9735'
${ports}`;
}

function clnService(networkId: number, node: Node) {
  return `  ${node.name}:
    environment:
      USERID: \${USERID:-1000}
      GROUPID: \${GROUPID:-1000}
    stop_grace_period: 30s
    image: polarlightning/clightning:25.05
    container_name: polar-n${networkId}-${node.name}
    hostname: ${node.name}
    command: >-
      lightningd --alias=${node.name} --addr=${node.name} --network=regtest
      --bitcoin-rpcuser=polaruser --bitcoin-rpcpassword=polarpass
      --bitcoin-rpcconnect=polar-n${networkId}-backend1 --bitcoin-rpcport=18443
      --grpc-port=11001
    restart: always
    volumes:
      - ./volumes/c-lightning/${node.name}/lightningd:/home/clightning/.lightning
      - ./volumes/c-lightning/${node.name}/rest-api:/opt/c-lightning-rest/certs
    expose:
      - '8080'
      - '11001'
      - '9735'
    ports:
      - '${8181 + node.id}:8080'
      - '${11001 + node.id}:11001'
      - '${9835 + node.id}:9735'
`;
}

/** One network folder as Polar writes it once started (LND has created its cert and macaroons). */
function writeNetwork(dir: string, networkId: number, nodes: Node[], opts: { quote?: string; skip?: string[] } = {}) {
  let compose = `name: polar-network-${networkId}\nservices:\n${bitcoindService(networkId)}`;
  mkdirSync(path.join(dir, "volumes/bitcoind/backend1/regtest"), { recursive: true });
  for (const node of nodes) {
    if (node.kind === "LND") {
      compose += lndService(networkId, node, opts.quote ?? "'");
      const base = path.join(dir, "volumes/lnd", node.name);
      const macaroons = path.join(base, "data/chain/bitcoin/regtest");
      mkdirSync(macaroons, { recursive: true });
      const files = {
        "tls.cert": "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n",
        "tls.key": "key",
        "data/chain/bitcoin/regtest/admin.macaroon": "admin",
        "data/chain/bitcoin/regtest/invoice.macaroon": "invoice",
        "data/chain/bitcoin/regtest/readonly.macaroon": "readonly",
      };
      for (const [file, content] of Object.entries(files)) {
        if (!opts.skip?.includes(`${node.name}/${file}`)) writeFileSync(path.join(base, file), content);
      }
    } else {
      compose += clnService(networkId, node);
      mkdirSync(path.join(dir, "volumes/c-lightning", node.name, "lightningd/regtest"), { recursive: true });
      mkdirSync(path.join(dir, "volumes/c-lightning", node.name, "rest-api"), { recursive: true });
      writeFileSync(path.join(dir, "volumes/c-lightning", node.name, "rest-api/access.macaroon"), "cln");
    }
  }
  writeFileSync(path.join(dir, "docker-compose.yml"), compose);
}

/** networks.json: Polar's own list (id, name, status, path, nodes). Status 1 = started, 3 = stopped. */
function networkJson(id: number, name: string, dir: string, nodes: Node[], status = 3) {
  return {
    id,
    name,
    status,
    path: dir,
    nodes: {
      bitcoin: [{ id: 0, networkId: id, name: "backend1", type: "bitcoin", implementation: "bitcoind", ports: { rpc: 18443 } }],
      lightning: nodes.map((n) => ({ id: n.id, networkId: id, name: n.name, type: "lightning", implementation: n.kind, ports: n.kind === "LND" ? { grpc: n.grpc ?? 10001 + n.id, rest: 8081 + n.id } : { rest: 8181 + n.id } })),
      tap: [],
    },
  };
}

const ALICE: Node = { name: "alice", kind: "LND", id: 0, grpc: 10001 };
// Polar moves a port when it is taken: bob's 10002 was busy, so compose publishes 10005.
const BOB: Node = { name: "bob", kind: "LND", id: 1, grpc: 10005 };
const CAROL_CLN: Node = { name: "carol", kind: "c-lightning", id: 2 };

/** A Polar home with the given networks; returns home and each network's folder. */
function polarHome(
  networks: { id: number; name: string; nodes: Node[]; status?: number; quote?: string; skip?: string[] }[],
  dataDir = ".polar",
  home = freshDir(),
) {
  const folder = path.join(home, dataDir, "networks");
  const saved = [];
  for (const n of networks) {
    const dir = path.join(folder, String(n.id));
    writeNetwork(dir, n.id, n.nodes, n);
    saved.push(networkJson(n.id, n.name, dir, n.nodes, n.status));
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "networks.json"), JSON.stringify({ version: "3.2.0", networks: saved, charts: {} }, null, 2));
  return { home, folder, dir: (id: number) => path.join(folder, String(id)) };
}

function connect(args: string[], envFile = path.join(freshDir("env"), ".env.lightning")) {
  // --out, not --env-file: Node grabs --env-file even after the script name (nodejs/node#54232).
  const result = spawnSync(process.execPath, [SCRIPT, ...args, "--out", envFile], { encoding: "utf8" });
  const env = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : undefined;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, env, envFile };
}

const lndPaths = (networkDir: string, node: string, macaroon = "admin") => ({
  cert: path.join(networkDir, "volumes/lnd", node, "tls.cert"),
  macaroon: path.join(networkDir, "volumes/lnd", node, "data/chain/bitcoin/regtest", `${macaroon}.macaroon`),
});

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
