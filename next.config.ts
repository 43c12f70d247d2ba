import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";

const nextConfig: NextConfig = {
  // These load native modules or read their own files (lightning's .proto files) at runtime,
  // so they must stay outside the bundle (lightning issue #48).
  serverExternalPackages: ["lightning", "better-sqlite3", "@prisma/adapter-better-sqlite3", "bolt11", "secp256k1"],
  poweredByHeader: false,
  // Lets proxy.ts see the RSC request headers (Next strips them from the proxy's view otherwise)
  // so it can refuse a Next-Router-State-Tree that Next's renderer would answer with a 500
  // (lib/http/malformed-request.ts). The URL normalization it skips is for the pages router's
  // /_next/data URLs, which this App Router site does not have.
  skipProxyUrlNormalize: true,
  experimental: {
    // Next buffers a request's body in memory for proxy.ts (10 MB by default, for every page
    // the proxy matches). No route takes more than 1 MB (an article's JSON); the proxy reads none.
    proxyClientMaxBodySize: "1mb",
  },
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

// LP_BUILD is inlined into the bundle (lib/build-kind.ts): the development node and dev secrets
// exist only in a `next dev` build, whatever NODE_ENV says when a production build is started.
export default function config(phase: string): NextConfig {
  return { ...nextConfig, env: { LP_BUILD: phase === PHASE_DEVELOPMENT_SERVER ? "dev" : "production" } };
}
