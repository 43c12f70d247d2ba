import "server-only";

// Minimal structured logger. Callers pass identifiers and amounts, never article bodies,
// secrets, preimages or receipt tokens; redact() below is the safety net for what slips through
// (an error message quoting a request path or a library echoing its input).
type Fields = Record<string, string | number | boolean | null | undefined>;

const REDACTED = "[redacted]";

// Fields whose value is a secret whatever it looks like.
const SECRET_FIELD = /^(k1|sig|signature|token|receipt_?token|session_?token|preimage|secret|password|cookie|macaroon|csrf_?token|authorization)$/i;

const SECRET_VALUES: [RegExp, string][] = [
  // Paths whose last segments are bearer secrets: receipt links, download links and sign-in challenges (k1).
  [/(\/receipts\/)[^/?#\s"',]+/gi, `$1${REDACTED}`],
  [/(\/d\/)[A-Za-z0-9_-]{20,}/g, `$1${REDACTED}`],
  [/(\/api\/login\/challenges\/)[^/?#\s"',]+/gi, `$1${REDACTED}`],
  // Gift claim links (/gifts/<token>, /api/gifts/<token>/claim) and a gift's receipt page.
  [/(\/gifts\/(?:sent\/)?)[^/?#\s"',]+/gi, `$1${REDACTED}`],
  // Query or form parameters that carry secrets (LNURL-auth's k1 and sig, tokens).
  [/([?&;\s"']|^)(k1|sig|signature|token|receiptToken|preimage|csrfToken)=[^&\s"',;]*/gi, `$1$2=${REDACTED}`],
  // 32-byte hex values: k1 challenges, preimages, payment hashes. Public keys are 33 bytes
  // (66 hex) and stay readable because the match needs a boundary on both sides.
  [/\b[0-9a-f]{64}\b/gi, REDACTED],
  // JWE/JWT session tokens.
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*(\.[\w-]*)*/g, REDACTED],
];

/** The text with every secret-looking value replaced. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  return out;
}

function redactFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = SECRET_FIELD.test(name) && value != null ? REDACTED : typeof value === "string" ? redact(value) : value;
  }
  return out;
}

function write(level: "info" | "warn" | "error", message: string, fields?: Fields) {
  const line = redact(message) + (fields ? ` ${JSON.stringify(redactFields(fields))}` : "");
  if (level === "error") console.error(`[${level}] ${line}`);
  else if (level === "warn") console.warn(`[${level}] ${line}`);
  else console.log(`[${level}] ${line}`);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ");
  return String(error);
}
