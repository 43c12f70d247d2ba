import "server-only";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { PUBKEY } from "@/lib/http/identifiers";

// Every setting the server reads, validated once with zod. README "Settings" documents each.
// `.env.lightning` (written by `npm run regtest` or polar/connect) is loaded when present so the
// site picks up a local LND without any manual step; real environment variables win over it.
const LIGHTNING_ENV_FILE = ".env.lightning";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL must be a SQLite URL such as file:./data/dev.db or a PostgreSQL URL postgresql://user:password@host/db")
      .default("file:./data/dev.db"),
    SQLITE_SYNCHRONOUS: z.enum(["normal", "full"]).default("normal"),
    APP_SECRET: optionalText.pipe(z.string().min(32, "APP_SECRET must be at least 32 characters").optional()),
    SITE_NAME: z.string().trim().min(1).max(80).default("Lightning Press"),
    LIGHTNING_BACKEND: z.enum(["auto", "lnd", "dev"]).default("auto"),
    LND_SOCKET: optionalText,
    LND_CERT: optionalText,
    LND_MACAROON: optionalText,
    LND_NETWORK: z.enum(["mainnet", "testnet", "signet", "regtest"]).optional(),
    DEV_NODE_IN_PRODUCTION: z.enum(["0", "1"]).default("0"),
    INVOICE_EXPIRY_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    PENDING_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    // On PostgreSQL: how often a non-leader tries to take the lead (and the leader checks its connection).
    LEADER_POLL_SECONDS: z.coerce.number().min(0.1).max(60).default(2),
    INSTANCE_ID: optionalText.pipe(z.string().max(40).regex(/^[\x21-\x7e]+$/, "INSTANCE_ID must be printable text without spaces").optional()),
    // Public address of the site (https://example.com), used in LNURL-auth links, the lncli
    // text, origin checks and the session cookie's scheme. Required in production (startup.ts);
    // in development, the request's host when it is one the server listens on.
    // Wallets derive a per-domain key from it (LUD-05), so keep it stable.
    SITE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: "SITE_URL must be an http(s) URL" }).optional()),
    ADMIN_PUBKEYS: z
      .string()
      .default("")
      .transform((value) => value.split(/[\s,]+/).filter(Boolean).map((key) => key.toLowerCase()))
      .pipe(z.array(z.string().regex(PUBKEY, "ADMIN_PUBKEYS: each entry must be a 33-byte compressed public key in hex"))),
    OPEN_AUTHOR_SIGNUP: z.enum(["0", "1"]).default("1"),
    MAX_PRICE_SATS: z.coerce.number().int().min(1).max(2_000_000_000).default(1_000_000),
    // Lightning Address tips (lib/tips/): the range a wallet may send, and LUD-12 comment length.
    TIP_MIN_SATS: z.coerce.number().int().min(1).max(2_000_000_000).default(1),
    TIP_MAX_SATS: z.coerce.number().int().min(1).max(2_000_000_000).default(1_000_000),
    TIP_COMMENT_MAX: z.coerce.number().int().min(0).max(2000).default(280),
    LOGIN_CHALLENGE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    LOGIN_CHALLENGES_PER_WINDOW: z.coerce.number().int().min(1).max(100_000).default(30),
    // Live sign-in codes kept at most; at the cap the biggest holder's oldest unanswered one goes.
    LOGIN_CHALLENGES_MAX_LIVE: z.coerce.number().int().min(1).max(10_000_000).default(20_000),
    // Reverse proxies (IPs or CIDRs) whose X-Forwarded-For entries are believed; empty: none.
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().refine(isAddressOrCidr, "TRUSTED_PROXIES: each entry must be an IP address or CIDR (10.0.0.0/8, ::1)"))),
    // Invoice caps and pruning (lib/payments/invoice-cap-queries.ts, prune-unpaid-queries.ts); health details token.
    MAX_OPEN_INVOICES_PER_BUYER: z.coerce.number().int().min(1).max(10_000).default(10),
    MAX_OPEN_INVOICES_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
    INVOICES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    UNPAID_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    HEALTH_TOKEN: optionalText.pipe(z.string().min(32, "HEALTH_TOKEN must be at least 32 characters").optional()),
    // Memory budget of the rendered-Markdown cache (estimated bytes of the cached element trees).
    MARKDOWN_CACHE_MB: z.coerce.number().int().min(1).max(4096).default(32),
    // Public parts of article/home/author pages cached per process (lib/cache/page-cache.ts): the
    // longest an entry lives (the bound when an invalidation event is lost); 0 turns the cache off.
    PAGE_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    // Withdrawals (lib/withdrawals/): limits per withdrawal, the routing fee held while paying
    // (the larger of a percent of the amount and a floor), LNURL-withdraw code lifetime.
    WITHDRAW_MIN_SATS: z.coerce.number().int().min(1).max(2_000_000_000).default(1),
    WITHDRAW_MAX_SATS: z.coerce.number().int().min(1).max(2_000_000_000).default(1_000_000),
    WITHDRAW_FEE_RESERVE_PERCENT: z.coerce.number().int().min(0).max(50).default(1),
    WITHDRAW_FEE_RESERVE_MIN_SATS: z.coerce.number().int().min(0).max(1_000_000).default(10),
    WITHDRAW_LINK_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
    // Payout Lightning Addresses are fetched over https only; 1 also allows http://localhost and
    // http://127.0.0.1 (tests; a development build allows them anyway).
    PAYOUT_HTTP_LOCALHOST: z.enum(["0", "1"]).default("0"),
    // How payments are shared (lib/payments/actions/): the site's cut of every payment, the price
    // of an upvote, and the author's part of an upvote (the rest goes to earlier upvoters).
    SITE_FEE_PERCENT: z.coerce.number().int().min(0).max(100).default(0),
    UPVOTE_SATS: z.coerce.number().int().min(1).max(1_000_000).default(10),
    UPVOTE_AUTHOR_PERCENT: z.coerce.number().int().min(0).max(100).default(50),
    // Mail (lib/mail/): SMTP server URL (smtp:// or smtps://, credentials inside), the From
    // address; without SMTP_URL a development build writes mails to MAIL_DIR (see /dev/mail).
    // A mail is retried with exponential backoff up to MAIL_RETRY_MAX_SECONDS apart, at most MAIL_MAX_ATTEMPTS times.
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional()),
    MAIL_FROM: z.string().trim().min(3).max(200).default("Lightning Press <no-reply@localhost>"),
    MAIL_DIR: z.string().trim().min(1).default("data/mail"),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    MAIL_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
    // Files (lib/files/): the largest upload, where the local storage keeps the bytes, how many
    // downloads a purchase's link allows and for how many days (0: no time limit).
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2000).default(50),
    UPLOAD_DIR: z.string().trim().min(1).default("data/uploads"),
    DOWNLOAD_LIMIT: z.coerce.number().int().min(1).max(1000).default(5),
    DOWNLOAD_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
    // Signed access tokens (lib/access-tokens/): token lifetime, the signing key's age before a
    // new one takes over, and the audiences (besides the site's origin) a reader may ask a token for.
    ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
    ACCESS_TOKEN_KEY_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    ACCESS_TOKEN_AUDIENCES: z
      .string()
      .default("")
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().max(200).regex(/^[\x21-\x7e]+$/, "ACCESS_TOKEN_AUDIENCES: each entry must be printable text without spaces (a URL or a name)"))),
    // L402 (lib/l402/): how long a paid L402 token opens its article (seconds, default 30 days).
    L402_TOKEN_SECONDS: z.coerce.number().int().min(60).max(10 * 365 * 86_400).default(30 * 86_400),
  })
  .superRefine((env, ctx) => {
    if (env.WITHDRAW_MIN_SATS > env.WITHDRAW_MAX_SATS) {
      ctx.addIssue({ code: "custom", path: ["WITHDRAW_MIN_SATS"], message: "WITHDRAW_MIN_SATS must not exceed WITHDRAW_MAX_SATS" });
    }
    if (env.TIP_MIN_SATS > env.TIP_MAX_SATS) ctx.addIssue({ code: "custom", path: ["TIP_MIN_SATS"], message: "TIP_MIN_SATS must not exceed TIP_MAX_SATS" });
    const lnd = [env.LND_SOCKET, env.LND_CERT, env.LND_MACAROON];
    const wantsLnd = env.LIGHTNING_BACKEND === "lnd" || (env.LIGHTNING_BACKEND === "auto" && lnd.some(Boolean));
    if (!wantsLnd) return;
    for (const name of ["LND_SOCKET", "LND_CERT", "LND_MACAROON"] as const) {
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: `${name} is required to use LND` });
    }
  });

function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

export type Env = z.infer<typeof schema> & { lightningBackend: "lnd" | "dev" };

let cached: Env | undefined;

/** LIGHTNING_ENV_FILE names another file, or "none" to ignore it (the test suite does). */
export function loadLightningEnvFile(cwd = process.cwd()) {
  const name = process.env.LIGHTNING_ENV_FILE || LIGHTNING_ENV_FILE;
  if (name === "none" || process.env.LND_SOCKET) return;
  const file = path.resolve(cwd, name);
  if (existsSync(/*turbopackIgnore: true*/ file)) process.loadEnvFile(file);
}

export function getEnv(): Env {
  if (cached) return cached;
  loadLightningEnvFile();
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid settings:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const lightningBackend = env.LIGHTNING_BACKEND === "auto" ? (env.LND_SOCKET ? "lnd" : "dev") : env.LIGHTNING_BACKEND;
  cached = { ...env, lightningBackend };
  return cached;
}

/** Tests change settings between cases. */
export function resetEnvForTests() {
  cached = undefined;
}
