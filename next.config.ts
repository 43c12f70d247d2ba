import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { localHostNames } from "./lib/security/local-hosts";

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

/**
 * `next dev` serves its scripts and hot reload only to pages opened from the hosts it trusts,
 * by default just `localhost`: opened at 127.0.0.1 or from a phone on the LAN (to pay with a
 * mobile wallet) the page never became interactive. Trust every address this machine listens
 * on, plus SITE_URL's host (read here because next.config runs before lib/env.ts exists).
 */
export function devOrigins(): string[] {
  const hosts = new Set(localHostNames());
  try {
    if (process.env.SITE_URL) hosts.add(new URL(process.env.SITE_URL).hostname);
  } catch {
    /* lib/env.ts reports a malformed SITE_URL */
  }
  return [...hosts];
}

// LP_BUILD is inlined into the bundle (lib/build-kind.ts): the development node and dev secrets
// exist only in a `next dev` build, whatever NODE_ENV says when a production build is started.
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return { ...nextConfig, env: { LP_BUILD: "production" } };
  // NEXT_DEV_DIST_DIR lets the browser tests run their own `next dev` beside a developer's
  // (Next locks <distDir>/dev) without touching the production build in .next.
  return {
    ...nextConfig,
    env: { LP_BUILD: "dev" },
    allowedDevOrigins: devOrigins(),
    ...(process.env.NEXT_DEV_DIST_DIR ? { distDir: process.env.NEXT_DEV_DIST_DIR } : {}),
  };
}
