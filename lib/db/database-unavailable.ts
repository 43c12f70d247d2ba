import "server-only";

// Errors that mean "the database cannot be reached right now" (PostgreSQL restarting, a failover,
// the pool exhausted) rather than a bug: route() answers them with 503 and Retry-After, so
// clients and nginx see a temporary condition instead of a 500.
const PRISMA_CODES = new Set([
  "P1001", // can't reach the database server
  "P1002", // server reached but timed out
  "P1008", // operation timed out
  "P1017", // server closed the connection
  "P2024", // timed out fetching a connection from the pool
  "P2028", // transaction API: could not start a transaction in time, or it was closed under it
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionStartTimeout"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), the server shutting down or starting (57P0…),
// too many connections.
const SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

type Shape = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } }; cause?: unknown };

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, meta, cause } = error as Shape;
  if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || NODE_CODES.has(code))) return true;
  const adapter = meta?.driverAdapterError?.cause;
  if (adapter && (ADAPTER_KINDS.has(String(adapter.kind)) || SQLSTATE.test(String(adapter.originalCode ?? "")))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
