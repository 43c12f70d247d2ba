import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // These load native modules or read their own files (lightning's .proto files) at runtime,
  // so they must stay outside the bundle (lightning issue #48).
  serverExternalPackages: ["lightning", "better-sqlite3", "@prisma/adapter-better-sqlite3", "bolt11", "secp256k1"],
  poweredByHeader: false,
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

export default nextConfig;
