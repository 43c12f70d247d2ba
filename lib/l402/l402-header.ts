// Reading the `Authorization` header of an L402 request and writing the 402 challenge.
// Credential: `L402 <base64 macaroon>:<hex preimage>` (LSAT, the protocol's former name, is read
// the same). Anything that names L402 or LSAT but is not exactly one well-formed credential is
// malformed (401): we never guess which of two credentials was meant. A header with another
// scheme (Bearer, Basic) is not an L402 credential at all: the client gets the 402 challenge.

export type L402Credential = { scheme: "L402" | "LSAT"; macaroon: Uint8Array; preimage: Buffer };

export type ParsedAuthorization =
  | { kind: "none" }
  | { kind: "malformed"; message: string }
  | { kind: "credential"; credential: L402Credential };

// A macaroon of ours is ~200 bytes; a client adding caveats stays far below this.
const MAX_MACAROON_CHARS = 4096;
// A scheme is a word of its own (after a space or a comma when headers were joined); "L402" inside base64 is no scheme.
const SCHEME = /(?:^|[\s,])(?:L402|LSAT)(?=\s|$)/gi;
const CREDENTIAL = /^(L402|LSAT) +([A-Za-z0-9+/_-]+={0,2}):([^:\s]*)$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

export function parseAuthorization(header: string | null): ParsedAuthorization {
  if (header === null) return { kind: "none" };
  const value = header.trim();
  const schemes = value.match(SCHEME) ?? [];
  if (schemes.length === 0) return { kind: "none" };
  if (schemes.length > 1) return malformed("Send one L402 credential (not both L402 and LSAT, nor two of them).");
  if (!/^(L402|LSAT) /i.test(value)) return malformed("The Authorization header must start with L402 (or LSAT).");
  if (value.length > MAX_MACAROON_CHARS + 100) return malformed("The credential is too long.");
  const match = CREDENTIAL.exec(value);
  if (!match) return malformed("Expected Authorization: L402 <base64 macaroon>:<hex preimage>.");
  const [, scheme, macaroonText, preimageHex] = match as unknown as [string, string, string, string];
  if (preimageHex.length === 0) return malformed("The preimage is missing: pay the invoice and send L402 <macaroon>:<preimage>.");
  if (!/^[0-9a-fA-F]{64}$/.test(preimageHex)) return malformed("The preimage must be 32 bytes in hex (64 characters).");
  if (!BASE64.test(macaroonText) || macaroonText.length % 4 === 1) return malformed("The macaroon is not valid base64.");
  const macaroon = Buffer.from(macaroonText, macaroonText.includes("-") || macaroonText.includes("_") ? "base64url" : "base64");
  if (macaroon.length === 0) return malformed("The macaroon is empty.");
  return { kind: "credential", credential: { scheme: scheme.toUpperCase() as "L402" | "LSAT", macaroon: new Uint8Array(macaroon), preimage: Buffer.from(preimageHex, "hex") } };
}

const malformed = (message: string): ParsedAuthorization => ({ kind: "malformed", message });

/**
 * The challenge (bLIP-0026). One challenge only: bLIP-0026 names L402, and clients that still
 * speak LSAT (Aperture's, lsat-js, Alby's) read an L402 challenge too. The macaroon goes under
 * both names: `macaroon=` (bLIP-0026, Aperture, lsat-js) and `token=` (the newer L402 text,
 * which Alby's client reads first), so every client finds it.
 */
export function challengeHeader(macaroonBase64: string, invoice: string): string {
  return `L402 macaroon="${macaroonBase64}", token="${macaroonBase64}", invoice="${invoice}"`;
}
