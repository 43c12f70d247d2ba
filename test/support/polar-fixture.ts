import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";

// polar/connect.mjs against fake Polar data folders laid out as Polar lays them out:
// <home>/.polar/networks/networks.json, networks/<id>/docker-compose.yml and
// networks/<id>/volumes/{bitcoind,lnd,c-lightning}/<node>/... The compose text follows what
// Polar's js-yaml dump produces (service = node name, "host:container" port strings).

export const SCRIPT = path.resolve(import.meta.dirname, "../../polar/connect.mjs");
export const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "polar-connect-"));

let counter = 0;
export function freshDir(name = "home") {
  const dir = path.join(tmpRoot, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type Node = { name: string; kind: "LND" | "c-lightning"; grpc?: number; id: number };

export function bitcoindService(networkId: number) {
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

export function lndService(networkId: number, node: Node, quote: string) {
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

export function clnService(networkId: number, node: Node) {
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
export function writeNetwork(dir: string, networkId: number, nodes: Node[], opts: { quote?: string; skip?: string[] } = {}) {
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
export function networkJson(id: number, name: string, dir: string, nodes: Node[], status = 3) {
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

export const ALICE: Node = { name: "alice", kind: "LND", id: 0, grpc: 10001 };
// Polar moves a port when it is taken: bob's 10002 was busy, so compose publishes 10005.
export const BOB: Node = { name: "bob", kind: "LND", id: 1, grpc: 10005 };
export const CAROL_CLN: Node = { name: "carol", kind: "c-lightning", id: 2 };

/** A Polar home with the given networks; returns home and each network's folder. */
export function polarHome(
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

export function connect(args: string[], envFile = path.join(freshDir("env"), ".env.lightning")) {
  // --out, not --env-file: Node grabs --env-file even after the script name (nodejs/node#54232).
  const result = spawnSync(process.execPath, [SCRIPT, ...args, "--out", envFile], { encoding: "utf8" });
  const env = existsSync(envFile) ? parseEnv(readFileSync(envFile, "utf8")) : undefined;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, env, envFile };
}

export const lndPaths = (networkDir: string, node: string, macaroon = "admin") => ({
  cert: path.join(networkDir, "volumes/lnd", node, "tls.cert"),
  macaroon: path.join(networkDir, "volumes/lnd", node, "data/chain/bitcoin/regtest", `${macaroon}.macaroon`),
});


export function removeFixtures() {
  rmSync(tmpRoot, { recursive: true, force: true });
}
