// Benchmark settings: command-line flags win over environment variables, which win over the
// defaults. Small values are for development on a busy machine; the defaults are the real run.
//
//   npm run bench -- --duration=2 --payments=10
//   BENCH_DURATION_S=2 BENCH_PAYMENTS=10 npm run bench
//   BENCH_INVOICES=20 BENCH_LND_PAYMENTS=5 npm run bench -- --only=lnd

export type BenchConfig = {
  /** Seconds of load per HTTP scenario (measured part only). */
  durationS: number;
  /** Seconds of discarded load before each HTTP scenario, so the JIT and caches are warm. */
  warmupS: number;
  /** Concurrent autocannon connections per HTTP scenario. */
  connections: number;
  /** Measured payments in the browser settlement-to-unlock test (one extra warm-up is discarded). */
  payments: number;
  /** Invoices created per batch in the real-LND part (site page loads, then raw LND calls, at each concurrency). */
  invoices: number;
  /** Measured payments from bob in the real-LND settlement-to-unlock test (one extra warm-up is discarded). */
  lndPayments: number;
  /** Wallet sign-ins to time, one after another (dev node site). */
  signIns: number;
  /** Scale part: timed requests per page and database (after 20 discarded ones). */
  scaleRequests: number;
  /** Scale part: articles and completed payments in the large database. */
  scaleArticles: number;
  scalePayments: number;
  /** Cluster part: measured payments per target instance (the leader, and one that is not). */
  clusterPayments: number;
  /** SSE part: payment-status streams held open at once (the settlement sample uses --payments). */
  sseConnections: number;
  /** Which parts to run; all by default. */
  parts: { http: boolean; unlock: boolean; signin: boolean; lnd: boolean; scale: boolean; l402: boolean; cluster: boolean; sse: boolean };
};

const PARTS = ["http", "unlock", "signin", "lnd", "scale", "l402", "cluster", "sse"] as const;

type Setting = { flag: string; env: string; fallback: number; min: number };

const SETTINGS = {
  durationS: { flag: "duration", env: "BENCH_DURATION_S", fallback: 10, min: 1 },
  warmupS: { flag: "warmup", env: "BENCH_WARMUP_S", fallback: 2, min: 0 },
  connections: { flag: "connections", env: "BENCH_CONNECTIONS", fallback: 10, min: 1 },
  payments: { flag: "payments", env: "BENCH_PAYMENTS", fallback: 100, min: 1 },
  invoices: { flag: "invoices", env: "BENCH_INVOICES", fallback: 200, min: 1 },
  lndPayments: { flag: "lnd-payments", env: "BENCH_LND_PAYMENTS", fallback: 100, min: 1 },
  signIns: { flag: "sign-ins", env: "BENCH_SIGN_INS", fallback: 100, min: 1 },
  scaleRequests: { flag: "scale-requests", env: "BENCH_SCALE_REQUESTS", fallback: 300, min: 1 },
  scaleArticles: { flag: "scale-articles", env: "BENCH_SCALE_ARTICLES", fallback: 100_000, min: 10_000 },
  scalePayments: { flag: "scale-payments", env: "BENCH_SCALE_PAYMENTS", fallback: 1_000_000, min: 10_000 },
  clusterPayments: { flag: "cluster-payments", env: "BENCH_CLUSTER_PAYMENTS", fallback: 50, min: 1 },
  sseConnections: { flag: "sse-connections", env: "BENCH_SSE_CONNECTIONS", fallback: 10_000, min: 1 },
} satisfies Record<string, Setting>;

const USAGE = `Usage: npm run bench -- [--duration=S] [--warmup=S] [--connections=N] [--payments=N]
                       [--invoices=N] [--lnd-payments=N] [--sign-ins=N] [--scale-requests=N]
                       [--scale-articles=N] [--scale-payments=N] [--cluster-payments=N]
                       [--sse-connections=N] [--only=http|unlock|signin|lnd|scale|l402|cluster|sse]
  --duration     seconds per HTTP scenario      (BENCH_DURATION_S, default 10)
  --warmup       discarded seconds before each  (BENCH_WARMUP_S, default 2)
  --connections  concurrent HTTP connections    (BENCH_CONNECTIONS, default 10)
  --payments     browser payments to time       (BENCH_PAYMENTS, default 100)
  --invoices     real LND: invoices per batch   (BENCH_INVOICES, default 200)
  --lnd-payments real LND: bob payments to time (BENCH_LND_PAYMENTS, default 100)
  --sign-ins     wallet sign-ins to time        (BENCH_SIGN_INS, default 100)
  --scale-requests  scale: requests per page and database (BENCH_SCALE_REQUESTS, default 300)
  --scale-articles  scale: articles in the large database (BENCH_SCALE_ARTICLES, default 100000)
  --scale-payments  scale: completed payments in the large one (BENCH_SCALE_PAYMENTS, default 1000000)
  --cluster-payments  cluster: bob payments per SSE target, leader and not (BENCH_CLUSTER_PAYMENTS, default 50)
  --sse-connections   sse: payment-status streams held open at once (BENCH_SSE_CONNECTIONS, default 10000)
  --only         run only one part: http (dev node), unlock (dev node, browser), signin (LNURL-auth over HTTP),
                 lnd (regtest alice + bob: invoice creation and browser unlock),
                 scale (home, article, dashboard and library pages on a 1,000-row database and a 100,000-article one),
                 l402 (L402 verifications per second through the API beside the static /about page),
                 cluster (npm run cluster on PostgreSQL and alice: page req/s for 1 instance direct, 1 and 3 behind
                 nginx; settlement-to-unlock with the SSE on a non-leader instance beside the leader's),
                 sse (one next start holding N open payment streams from a separate client process: the site's RSS
                 idle and with N open, time to open them, settlement-to-event latency of --payments readers with
                 none open and with N open)`;

export function readConfig(argv = process.argv.slice(2), env = process.env): BenchConfig {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument "${arg}"\n${USAGE}`);
    flags.set(match[1]!, match[2]!);
  }

  const number = ({ flag, env: name, fallback, min }: Setting): number => {
    const raw = flags.get(flag) ?? env[name];
    flags.delete(flag);
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} / ${name} must be an integer >= ${min}, got "${raw}"`);
    return value;
  };

  const config: BenchConfig = {
    durationS: number(SETTINGS.durationS),
    warmupS: number(SETTINGS.warmupS),
    connections: number(SETTINGS.connections),
    payments: number(SETTINGS.payments),
    invoices: number(SETTINGS.invoices),
    lndPayments: number(SETTINGS.lndPayments),
    signIns: number(SETTINGS.signIns),
    scaleRequests: number(SETTINGS.scaleRequests),
    scaleArticles: number(SETTINGS.scaleArticles),
    scalePayments: number(SETTINGS.scalePayments),
    clusterPayments: number(SETTINGS.clusterPayments),
    sseConnections: number(SETTINGS.sseConnections),
    parts: { http: true, unlock: true, signin: true, lnd: true, scale: true, l402: true, cluster: true, sse: true },
  };

  const only = flags.get("only");
  flags.delete("only");
  if (only !== undefined) {
    if (!(PARTS as readonly string[]).includes(only)) throw new Error(`--only must be one of ${PARTS.map((part) => `"${part}"`).join(", ")}, got "${only}"`);
    config.parts = { http: only === "http", unlock: only === "unlock", signin: only === "signin", lnd: only === "lnd", scale: only === "scale", l402: only === "l402", cluster: only === "cluster", sse: only === "sse" };
  }
  if (flags.size > 0) throw new Error(`Unknown flag(s): ${[...flags.keys()].map((f) => `--${f}`).join(", ")}\n${USAGE}`);
  return config;
}
