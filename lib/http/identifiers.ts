import { z } from "zod";

// The shapes of the identifiers the site hands out and takes back, in one place: every route,
// cookie and schema checks them against these.

/** Database row ids (cuids): articles, payments, login keys. */
export const ROW_ID = /^[a-z0-9]{20,32}$/;
/** A login challenge: 32 random bytes in hex (LNURL-auth's k1). */
export const K1 = /^[0-9a-f]{64}$/;
/** A sha256 digest in hex (payment hashes, LNURL-pay description hashes). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A compressed secp256k1 public key in hex (LNURL-auth linking keys, node pubkeys). */
export const PUBKEY = /^0[23][0-9a-f]{64}$/;

export const k1Schema = z.string().regex(K1, "k1 must be the 64-character challenge");
export const pubkeySchema = z.string().regex(PUBKEY, "pubkey must be a compressed public key in hex");
/** A gift's claim token: 32 random bytes, base64url (lib/gifts/). */
export const GIFT_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A signing key's id (the JWT `kid`): 16 random bytes, base64url (lib/access-tokens/). */
export const KEY_ID = /^[A-Za-z0-9_-]{22}$/;
