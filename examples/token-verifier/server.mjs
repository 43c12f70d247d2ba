// A second backend that trusts Lightning Press payments: it serves "premium" data for an article
// to whoever shows a valid access token for it, checking the token against the site's published
// keys (/.well-known/jwks.json). Plain node:http + jose; no database, no call to the site per
// request (the key set is cached and refetched when stale or when an unknown kid shows up).
//
//   SITE_URL=http://localhost:3000 PORT=4000 node examples/token-verifier/server.mjs
//   curl -H "Authorization: Bearer <token>" http://localhost:4000/premium/articles/<article id>
import { createServer } from "node:http";
import { createRemoteJWKSet, errors, jwtVerify } from "jose";

const SITE_URL = new URL(process.env.SITE_URL ?? "http://localhost:3000").origin;
const settings = {
  port: Number(process.env.PORT ?? 4000),
  // Tokens name the site's origin as issuer; the audience is the site's origin unless the reader
  // asked the site for one of its ACCESS_TOKEN_AUDIENCES (this server's own name, say).
  issuer: process.env.ISSUER ?? SITE_URL,
  audience: process.env.AUDIENCE ?? SITE_URL,
  // The least a purchase must have paid for this server to honour it.
  minPaidSats: Number(process.env.MIN_PAID_SATS ?? 1),
};

// cacheMaxAge: how long a fetched key set is trusted before it is fetched again (a key the site
// removed stops working after at most this); cooldown: the least time between two refetches
// triggered by unknown kids (so garbage tokens cannot make us hammer the site).
const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", SITE_URL), {
  cacheMaxAge: Number(process.env.JWKS_CACHE_SECONDS ?? 60) * 1000,
  cooldownDuration: Number(process.env.JWKS_COOLDOWN_SECONDS ?? 30) * 1000,
  timeoutDuration: 5000,
});

/** The token's claims, or null when it is not a valid token from the site for us. */
async function verify(authorization) {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) return null;
  try {
    // The allowlist of algorithms is what refuses `alg: none` and key-confusion tricks.
    const { payload } = await jwtVerify(match[1], jwks, {
      algorithms: ["EdDSA"],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ["sub", "exp", "iat", "grants", "paid_sats"],
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
    throw error; // the site's key set could not be fetched: not the client's fault
  }
}

/** Does the token open this article? Its own purchase, or a site-wide pass. */
function opens(grants, articleId) {
  if (!grants || typeof grants !== "object") return false;
  if (grants.type === "article") return grants.article_id === articleId;
  return grants.type === "pass" && grants.scope === "site";
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  response.end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://verifier.local");
  if (url.pathname === "/health") return send(response, 200, { status: "ok" });
  const article = /^\/premium\/articles\/([a-z0-9]{20,32})$/.exec(url.pathname);
  if (!article || request.method !== "GET") return send(response, 404, { error: "not_found" });
  let claims;
  try {
    claims = await verify(request.headers.authorization);
  } catch {
    return send(response, 503, { error: "keys_unavailable" });
  }
  if (!claims) return send(response, 401, { error: "invalid_token" }, { "www-authenticate": 'Bearer error="invalid_token"' });
  if (!opens(claims.grants, article[1]) || !(Number(claims.paid_sats) >= settings.minPaidSats)) {
    return send(response, 403, { error: "insufficient_scope" }, { "www-authenticate": 'Bearer error="insufficient_scope"' });
  }
  send(response, 200, {
    articleId: article[1],
    premium: `Extra material for article ${article[1]}, served by a backend that trusts the site's payments.`,
    reader: claims.sub,
    paidSats: claims.paid_sats,
    tokenExpiresAt: new Date(claims.exp * 1000).toISOString(),
  });
});

server.listen(settings.port, "127.0.0.1", () => {
  const { port } = server.address();
  console.log(`token-verifier listening on http://127.0.0.1:${port} (issuer ${settings.issuer}, audience ${settings.audience})`);
});
