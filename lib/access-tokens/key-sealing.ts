import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// Private signing keys are stored sealed with AES-256-GCM under a key derived (HKDF) from
// APP_SECRET: a database copy or backup alone cannot mint tokens. Changing APP_SECRET makes the
// stored keys unreadable; signing-keys.ts then makes a new key (the old ones stay published).

function sealingKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "lightning-press", "access-token-key-sealing", 32));
}

/** iv.tag.ciphertext, base64url. */
export function seal(plain: Buffer, secret: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(secret), iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString("base64url")).join(".");
}

/** Throws when the text was sealed under another secret or altered. */
export function unseal(sealed: string, secret: Buffer): Buffer {
  const [iv, tag, data] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !data) throw new Error("sealed key is malformed");
  const decipher = createDecipheriv("aes-256-gcm", sealingKey(secret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
