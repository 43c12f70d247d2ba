import "server-only";
import { NextResponse } from "next/server";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { getPaidBody } from "@/lib/articles/article-access";
import { findPublicArticle, type PublicArticle } from "@/lib/articles/article-queries";
import type { Reader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { challengeHeader } from "@/lib/l402/l402-header";
import { newChallenge, verifyRequest } from "@/lib/l402/l402-access";
import { readBodyWithL402 } from "@/lib/l402/l402-queries";

// GET /api/v1/articles/<slug>: an article for programs. Its public part for everyone; the body
// for a free article, a valid L402 credential, or the browser's own purchase (its cookies, as on
// the article page). Otherwise 402 with an L402 challenge. No response without access carries the
// body: it is read only after one of those checks.

const NO_STORE = { "Cache-Control": "no-store" };

export type ApiRequest = { headers: Headers; clientAddress: string; reader: () => Promise<Reader> };

export async function articleForMachines(slug: string, request: ApiRequest): Promise<Response> {
  const article = await findPublicArticle(slug);
  if (!article) throw notFound("No such article");
  const visible = article.status === "visible";
  if (visible && article.priceSats === 0) return served(article, await getPaidBody(article.id, { free: true }), "free");

  const credential = await verifyRequest(request.headers, article.id);
  if (credential.kind === "verified") {
    const body = await readBodyWithL402(credential.access);
    if (body !== null) return served(article, body, "l402", new Date(credential.access.validUntil * 1000));
    return refused(401, "l402_invalid", "This token's invoice was not issued here.");
  }
  if (credential.kind === "refused") {
    // A real token past its time or its key: the client may pay again, so it gets a new challenge.
    const renewable = (credential.code === "l402_expired" || credential.code === "l402_revoked") && visible && article.priceSats > 0;
    if (!renewable) return refused(401, credential.code, credential.message);
    return paymentRequired(article, request.clientAddress, { code: credential.code, message: credential.message });
  }

  // No credential: a browser that bought it (cookies, receipt link, account) reads it here too.
  const reader = await request.reader();
  const access = await findReadAccess(article.id, reader);
  if (access) return served(article, await getPaidBody(article.id, { entitlementId: access.entitlementId }), "purchase");
  // Removed or unpublished: only earlier buyers see it.
  if (!visible) throw notFound("No such article");
  return paymentRequired(article, request.clientAddress, null);
}

function metadata(article: PublicArticle) {
  return {
    slug: article.slug,
    title: article.title,
    teaser: article.teaser,
    author: article.authorName,
    priceSats: article.priceSats,
    publishedAt: article.publishedAt?.toISOString() ?? null,
  };
}

function served(article: PublicArticle, body: string, access: "free" | "l402" | "purchase", tokenValidUntil?: Date) {
  return NextResponse.json(
    { ...metadata(article), access, ...(tokenValidUntil ? { tokenValidUntil: tokenValidUntil.toISOString() } : {}), body },
    { headers: { ...NO_STORE, Vary: "Authorization, Cookie" } },
  );
}

function refused(status: 401, code: string, message: string) {
  // RFC 9110: a 401 names the scheme to use; no invoice is made for a malformed or forged credential.
  return NextResponse.json({ error: { code, message } }, { status, headers: { ...NO_STORE, "WWW-Authenticate": `L402 error="${code}"` } });
}

async function paymentRequired(article: PublicArticle, clientAddress: string, previous: { code: string; message: string } | null) {
  const challenge = await newChallenge(article.id, clientAddress);
  return NextResponse.json(
    {
      ...metadata(article),
      error: previous ?? { code: "payment_required", message: "Pay the invoice, then send Authorization: L402 <macaroon>:<preimage>." },
      l402: {
        macaroon: challenge.macaroon,
        invoice: challenge.invoice,
        paymentHash: challenge.paymentHash,
        amountSats: challenge.amountSats,
        invoiceExpiresAt: challenge.invoiceExpiresAt.toISOString(),
        tokenValidUntil: challenge.tokenValidUntil.toISOString(),
        howTo: "Pay the invoice with any Lightning wallet; it reveals a 64-hex-character preimage. Retry this request with the header Authorization: L402 <macaroon>:<preimage>.",
      },
    },
    { status: 402, headers: { ...NO_STORE, "WWW-Authenticate": challengeHeader(challenge.macaroon, challenge.invoice) } },
  );
}
