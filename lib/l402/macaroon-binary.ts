import type { Macaroon } from "macaroon";

// The v2 binary form of a macaroon (libmacaroons / go-macaroon format, what the `macaroon`
// package's importMacaroon reads). Written here because that package's own exportBinary (3.0.4)
// grows its buffer by doubling on every field (its `_capacity` is never set): a macaroon with
// three caveats allocates hundreds of megabytes, and one more throws a RangeError.

const EOS = 0;
const LOCATION = 1;
const IDENTIFIER = 2;
const VID = 4;
const SIGNATURE = 6;

export function encodeMacaroonV2(macaroon: Macaroon): Uint8Array {
  const parts: number[] = [2];
  const field = (type: number, data: Uint8Array) => {
    parts.push(type);
    for (let n = data.length; ; n >>>= 7) {
      if (n < 0x80) {
        parts.push(n);
        break;
      }
      parts.push((n & 0x7f) | 0x80);
    }
    for (const byte of data) parts.push(byte);
  };
  const text = (value: string) => new TextEncoder().encode(value);
  if (macaroon.location) field(LOCATION, text(macaroon.location));
  field(IDENTIFIER, macaroon.identifier);
  parts.push(EOS);
  for (const caveat of macaroon.caveats) {
    if (caveat.location) field(LOCATION, text(caveat.location));
    field(IDENTIFIER, caveat.identifier);
    if (caveat.vid) field(VID, caveat.vid);
    parts.push(EOS);
  }
  parts.push(EOS);
  field(SIGNATURE, macaroon.signature);
  return Uint8Array.from(parts);
}
