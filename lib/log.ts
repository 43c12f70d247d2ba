import "server-only";

// Minimal structured logger. Callers pass identifiers and amounts, never article bodies,
// secrets, preimages or receipt tokens.
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: "info" | "warn" | "error", message: string, fields?: Fields) {
  const line = fields ? `${message} ${JSON.stringify(fields)}` : message;
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
