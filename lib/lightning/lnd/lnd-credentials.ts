import "server-only";
import { existsSync, readFileSync } from "node:fs";

// LND_CERT and LND_MACAROON may each be base64, hex, or a path to the file LND wrote.
// The `lightning` package takes base64 or hex; a file is read and sent as base64.
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

export type LndCredentials = { socket: string; cert: string; macaroon: string };

export function readCredential(setting: "LND_CERT" | "LND_MACAROON", value: string): string {
  const looksLikePath = value.startsWith("/") || value.startsWith("./") || value.startsWith("~") || /\.(cert|macaroon|pem)$/.test(value);
  if (looksLikePath) {
    const file = value.startsWith("~") ? value.replace(/^~/, process.env.HOME ?? "") : value;
    if (!existsSync(file)) throw new Error(`${setting}: file not found: ${file}`);
    return readFileSync(file).toString("base64");
  }
  if (HEX.test(value)) return value;
  if (BASE64.test(value)) return value.replace(/\s/g, "");
  throw new Error(`${setting}: expected base64, hex, or a path to the file`);
}

export function readSocket(value: string): string {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) > 65535) throw new Error(`LND_SOCKET: expected host:port (e.g. 127.0.0.1:10009), got "${value}"`);
  return value;
}

export function lndCredentials(env: { LND_SOCKET?: string; LND_CERT?: string; LND_MACAROON?: string }): LndCredentials {
  return {
    socket: readSocket(env.LND_SOCKET ?? ""),
    cert: readCredential("LND_CERT", env.LND_CERT ?? ""),
    macaroon: readCredential("LND_MACAROON", env.LND_MACAROON ?? ""),
  };
}

/**
 * Turns whatever LND or gRPC said into one line naming the setting to fix. The texts matched
 * are those grpc-js and LND give for each mistake.
 */
export function explainLndError(error: unknown, socket: string): { message: string; setting?: string } {
  const text = flatten(error).toLowerCase();
  if (/verification failed|signature mismatch|cannot get macaroon|invalid macaroon|macaroon|permission denied|unknown permission/.test(text)) {
    return { setting: "LND_MACAROON", message: "LND_MACAROON: LND rejected the macaroon (wrong node, or not admin/invoice macaroon)" };
  }
  if (/certificate|self.signed|ssl|tls|handshake|wrong version number|alert/.test(text)) {
    return { setting: "LND_CERT", message: `LND_CERT: TLS handshake with ${socket} failed (the cert does not match this node's tls.cert)` };
  }
  if (/econnrefused|failed to connect|no connection established|unavailable|enotfound|ehostunreach|timeout|deadline/.test(text)) {
    return { setting: "LND_SOCKET", message: `LND_SOCKET: cannot reach LND at ${socket} (is it running and is the gRPC port right?)` };
  }
  return { message: `LND error: ${flatten(error).slice(0, 300)}` };
}

function flatten(error: unknown): string {
  if (error instanceof Error) return `${error.message} ${(error as { details?: string }).details ?? ""}`;
  if (Array.isArray(error)) return error.map(flatten).join(" ");
  if (error && typeof error === "object") {
    try {
      return Object.values(error as Record<string, unknown>).map(flatten).join(" ");
    } catch {
      return String(error);
    }
  }
  return String(error);
}
