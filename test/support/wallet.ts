import { createHmac, randomBytes } from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { HDKey } from "@scure/bip32";
import { bech32 } from "bech32";
import { cookieHeader, get, post, setCookies } from "./http";

// A Lightning wallet simulated the way real ones do LNURL-auth (LUD-04/05): a secp256k1 key
// signs k1 as a 32-byte digest, DER encoded, and calls the callback with sig and key.

export function publicKeyOf(privateKey: string): string {
  return Buffer.from(secp256k1.getPublicKey(Buffer.from(privateKey, "hex"), true)).toString("hex");
}

export function newPrivateKey(): string {
  return Buffer.from(secp256k1.utils.randomSecretKey()).toString("hex");
}

export function decodeLnurl(lnurl: string): URL {
  const { words } = bech32.decode(lnurl.toLowerCase(), 1023);
  return new URL(Buffer.from(bech32.fromWords(words)).toString("utf8"));
}

export function signK1(k1: string, privateKey: string): string {
  return Buffer.from(secp256k1.sign(Buffer.from(k1, "hex"), Buffer.from(privateKey, "hex"), { prehash: false, format: "der" })).toString("hex");
}

/** The wallet's callback request for an LNURL (optionally tampered with by the test). */
export function callbackUrl(lnurl: string, privateKey: string, override: { k1?: string; sig?: string; key?: string } = {}): string {
  const url = decodeLnurl(lnurl);
  const k1 = url.searchParams.get("k1")!;
  url.searchParams.set("sig", override.sig ?? signK1(override.k1 ?? k1, privateKey));
  url.searchParams.set("key", override.key ?? publicKeyOf(privateKey));
  if (override.k1) url.searchParams.set("k1", override.k1);
  return url.toString();
}

export async function answerLnurl(lnurl: string, privateKey: string) {
  const response = await fetch(callbackUrl(lnurl, privateKey));
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/**
 * LUD-05: a per-domain linking key from the wallet seed. hashingKey = m/138'/0; the domain's
 * HMAC under it gives four 32-bit indexes of m/138'/a/b/c/d.
 */
export function lud05LinkingKey(seed: Uint8Array, domain: string): string {
  const root = HDKey.fromMasterSeed(seed);
  const hashingKey = root.derive("m/138'/0").privateKey!;
  const material = createHmac("sha256", hashingKey).update(domain, "utf8").digest();
  // Indexes of 2^31 and above are hardened children, as in wallets that use the raw u32.
  const key = [0, 4, 8, 12].reduce((node, offset) => node.deriveChild(material.readUInt32BE(offset)), root.derive("m/138'"));
  return Buffer.from(key.privateKey!).toString("hex");
}

export function lnurlIn(html: string): string {
  const match = /LNURL1[0-9A-Z]+/.exec(html);
  if (!match) throw new Error("no LNURL in the page");
  return match[0];
}

/** A browser: cookies kept across requests like a real one. */
export class Browser {
  readonly jar: Record<string, string> = {};
  /**
   * Sent as X-Forwarded-For, as a reverse proxy would: each simulated browser is its own
   * client for the per-client sign-in rate limit unless a test shares an address on purpose.
   */
  constructor(readonly address = `10.${rand()}.${rand()}.${rand()}`) {}
  get cookie() {
    return cookieHeader(this.jar);
  }
  keep(cookies: Record<string, string>) {
    for (const [name, value] of Object.entries(cookies)) {
      if (value === "") delete this.jar[name];
      else this.jar[name] = value;
    }
  }
  async get(url: string) {
    const response = await get(url, { cookie: this.cookie, headers: { "x-forwarded-for": this.address } });
    this.keep(response.cookies);
    return response;
  }
  async send(url: string, method: string, value?: unknown) {
    const response = await fetch(url, {
      method,
      redirect: "manual",
      headers: { cookie: this.cookie, "content-type": "application/json", "x-forwarded-for": this.address },
      body: value === undefined ? undefined : JSON.stringify(value),
    });
    this.keep(setCookies(response));
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }
  /** Opens the sign-in (or add-key) page as a browser does: the cookie first, then the code. */
  async openChallenge(baseUrl: string, path = "/signin"): Promise<{ lnurl: string; k1: string; html: string }> {
    if (!this.jar.lp_buyer) await this.get(`${baseUrl}${path}`);
    const page = await this.get(`${baseUrl}${path}`);
    const lnurl = lnurlIn(page.text);
    return { lnurl, k1: decodeLnurl(lnurl).searchParams.get("k1")!, html: page.text };
  }
  /**
   * The "Continue" button: next-auth's credentials sign-in for an answered challenge (with the
   * key the page showed, and the "move this browser's purchases" box); true when a session was made.
   */
  async redeem(baseUrl: string, k1: string, options: { pubkey?: string; move?: boolean } = {}): Promise<boolean> {
    const csrf = await this.get(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const form = new URLSearchParams({ k1, csrfToken, callbackUrl: `${baseUrl}/account`, move: options.move ? "1" : "0" });
    if (options.pubkey) form.set("pubkey", options.pubkey);
    const response = await post(`${baseUrl}/api/auth/callback/lightning`, form.toString(), {
      cookie: this.cookie,
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": this.address },
    });
    this.keep(response.cookies);
    return Object.keys(response.cookies).some((name) => name.endsWith("authjs.session-token") && response.cookies[name] !== "");
  }
}

/** Signs a new browser in with a wallet key (random unless given); returns its cookies. */
export async function signInWithWallet(baseUrl: string, options: { privateKey?: string; browser?: Browser; movePurchases?: boolean } = {}) {
  const privateKey = options.privateKey ?? newPrivateKey();
  const browser = options.browser ?? new Browser();
  const { lnurl, k1 } = await browser.openChallenge(baseUrl);
  const answer = await answerLnurl(lnurl, privateKey);
  if (answer.body.status !== "OK") throw new Error(`wallet answer refused: ${JSON.stringify(answer.body)}`);
  if (!(await browser.redeem(baseUrl, k1, { pubkey: publicKeyOf(privateKey), move: options.movePurchases }))) throw new Error("sign-in did not create a session");
  return { cookie: browser.cookie, pubkey: publicKeyOf(privateKey), privateKey, browser };
}

const rand = () => Math.floor(Math.random() * 254) + 1;

export const randomSeed = () => new Uint8Array(randomBytes(32));
