// The `macaroon` package (the one ln-service uses) ships no TypeScript types; this declares only
// the part lib/l402/l402-macaroon.ts uses.
declare module "macaroon" {
  export type Caveat = { identifier: Uint8Array; location?: string; vid?: Uint8Array };
  export interface Macaroon {
    readonly identifier: Uint8Array;
    readonly location: string;
    readonly caveats: Caveat[];
    readonly signature: Uint8Array;
    addFirstPartyCaveat(caveatId: Uint8Array | string): void;
    verify(rootKey: Uint8Array, check: (condition: string) => string | null, discharges?: Macaroon[]): void;
    exportBinary(): Uint8Array;
  }
  export function newMacaroon(params: { identifier: Uint8Array | string; location?: string; rootKey: Uint8Array | string; version?: 1 | 2 }): Macaroon;
  export function importMacaroon(data: Uint8Array | string | object): Macaroon;
  export function bytesToBase64(bytes: Uint8Array): string;
  export function base64ToBytes(text: string): Uint8Array;
}
