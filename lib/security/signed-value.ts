import { createHmac, timingSafeEqual } from "node:crypto";

// value.signature, where signature = HMAC-SHA256(key, purpose + value) in base64url. The purpose
// keeps a value signed for one cookie from being replayed as another.
export function signValue(key: Buffer, purpose: string, value: string): string {
  return `${value}.${mac(key, purpose, value)}`;
}

export function verifySignedValue(key: Buffer, purpose: string, signed: string | undefined): string | null {
  if (!signed || signed.length > 4096) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "utf8");
  const expected = Buffer.from(mac(key, purpose, value), "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value;
}

function mac(key: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", key).update(`${purpose}\n${value}`).digest("base64url");
}
