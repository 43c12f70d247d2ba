import "server-only";
import { NextResponse } from "next/server";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { getPaidBody } from "@/lib/articles/article-access";
import { findPublicArticle, type PublicArticle } from "@/lib/articles/article-queries";
import type { Reader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { verifyRequest } from "@/lib/l402/l402-access";
import { NO_STORE, paymentRequired, refused, renewable } from "@/lib/l402/l402-responses";
import { readBodyWithL402 } from "@/lib/l402/l402-queries";

// GET /api/v1/articles/<slug>: an article for programs. Its public part for everyone; the body
// for a free article, a valid L402 credential, or the browser's own purchase (its cookies, as on
// the article page). Otherwise 402 with an L402 challenge. No response without access carries the
// body: it is read only after one of those checks.

export type ApiRequest = { headers: Headers; clientAddress: string; reader: () => Promise<Reader> };

export async function articleForMachines(slug: string, request: ApiRequest): Promise<Response> {
  const article = await findPublicArticle(slug);
  if (!article) throw notFound("No such article");
  const visible = article.status === "visible";
  if (visible && article.priceSats === 0) return served(article, await getPaidBody(article.id, { free: true }), "free");

  const target = { kind: "article", id: article.id } as const;
  const credential = await verifyRequest(request.headers, target);
  if (credential.kind === "verified") {
    const body = await readBodyWithL402(credential.access);
    if (body !== null) return served(article, body, "l402", new Date(credential.access.validUntil * 1000));
    return refused("l402_invalid", "This token's invoice was not issued here.");
  }
  if (credential.kind === "refused") {
    // A real token past its time or its key: the client may pay again, so it gets a new challenge.
    if (!renewable(credential) || !visible) return refused(credential.code, credential.message);
    return paymentRequired(target, metadata(article), request.clientAddress, { code: credential.code, message: credential.message });
  }

  // No credential: a browser that bought it (cookies, receipt link, account) reads it here too.
  const reader = await request.reader();
  const access = await findReadAccess(article.id, reader);
  if (access) return served(article, await getPaidBody(article.id, { entitlementId: access.entitlementId }), "purchase");
  // Removed or unpublished: only earlier buyers see it.
  if (!visible) throw notFound("No such article");
  return paymentRequired(target, metadata(article), request.clientAddress, null);
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

