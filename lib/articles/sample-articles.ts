// Sample content for a fresh site (npm run db:seed, run automatically on the first `npm run dev`).
export type SampleArticle = { slug: string; title: string; teaser: string; body: string; priceSats: number; status: "visible" | "draft" };

export const SAMPLE_ARTICLES: SampleArticle[] = [
  {
    slug: "welcome-to-lightning-press",
    title: "Welcome to Lightning Press",
    priceSats: 0,
    status: "visible",
    teaser: "A publishing site where every article can be bought for a few satoshis, from any Lightning wallet, with no account.",
    body: `## How it works

Each paid article shows its first paragraph for free. Below it sits a Lightning invoice: scan the
QR code with any wallet, or click **Pay with browser wallet** if you have a WebLN extension.

The moment your payment settles, the article opens on this page. No reload, no account, no card.

## Your purchase stays yours

Purchases are remembered by this browser. The paid page also gives you a **private receipt link**:
open it on another device and the article is there too.

This article is free, so you are reading all of it already.`,
  },
  {
    slug: "how-lightning-invoices-work",
    title: "How Lightning invoices work",
    priceSats: 1000,
    status: "visible",
    teaser: "A BOLT11 invoice is a signed promise: pay this hash, and the preimage you get back proves you paid. Here is what is inside one.",
    body: `## Anatomy of an invoice

An invoice starts with a prefix that names the network (\`lnbc\` on mainnet, \`lnbcrt\` on regtest),
followed by the amount and a timestamp. Tagged fields carry the **payment hash**, a description,
an expiry and routing hints. The node signs the whole thing with its identity key.

## Proof of payment

The payment hash is \`sha256(preimage)\`. Only the recipient knows the preimage until the payment
settles; the payer receives it in exchange for the money. Holding the preimage is proof you paid.

## Why expiry matters

An invoice is a short-lived offer. This site renews an expired invoice the moment you come back,
so the price you see is always payable.`,
  },
  {
    slug: "running-your-own-node",
    title: "Running your own node",
    priceSats: 2100,
    status: "visible",
    teaser: "Custodial wallets are convenient; your own node is sovereign. What it takes, what it costs, and what goes wrong.",
    body: `## What you need

A machine that stays online, a Bitcoin backend (bitcoind, btcd or a light client) and LND.
Budget a few hundred gigabytes for a full node, or much less with pruning.

## Channels and liquidity

To **receive**, you need inbound liquidity: someone must open a channel to you, or you buy one
from a liquidity provider. To **send**, you need outbound liquidity in channels you opened.

## Backups

Keep your seed offline and a static channel backup somewhere safe. Test the restore once.`,
  },
  {
    slug: "a-tiny-essay-on-micropayments",
    title: "A tiny essay on micropayments",
    priceSats: 21,
    status: "visible",
    teaser: "Twenty-one satoshis for an idea. Why prices this small were impossible before, and what they change for writers.",
    body: `## Small prices, big change

Card fees made anything under a dollar impossible to sell. Lightning settles a payment of a few
satoshis in a second for a fraction of a satoshi in fees.

That lets a writer sell one essay to a stranger who will never subscribe, and lets a reader pay
for exactly what they read.`,
  },
  {
    slug: "preimages-hashes-and-proof-of-payment",
    title: "Preimages, hashes and proof of payment",
    priceSats: 250,
    status: "visible",
    teaser: "Why a 32-byte secret is the receipt for every Lightning payment, and how servers verify it without trusting the browser.",
    body: `## Never trust the browser

A page that unlocks itself in the browser can be unlocked by anyone with developer tools. This
site decides on the server: it asks its Lightning node whether the invoice settled, and only then
sends the paid text.

## Verifying a preimage

Given a preimage, anyone can check \`sha256(preimage) == payment_hash\`. That is how L402 tokens
prove payment without a database lookup.`,
  },
  {
    slug: "notes-on-an-upcoming-feature",
    title: "Notes on an upcoming feature",
    priceSats: 500,
    status: "draft",
    teaser: "A draft: not listed, not readable until it is published.",
    body: "Draft text.",
  },
];
