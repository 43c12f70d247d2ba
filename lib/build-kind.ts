import type { Env } from "@/lib/env";

// Which build this code runs in, fixed when it was compiled: next.config.ts sets LP_BUILD to
// "dev" under `next dev` and "production" for `next build`, and Next.js inlines it into the
// bundle, so no setting at run time (NODE_ENV=development on a production build) can change it.
// Code run outside any Next.js build (vitest, tsx scripts such as the dev wallet command) has
// no LP_BUILD: there is no production bundle to protect, and NODE_ENV decides as before.
export type BuildKind = "dev" | "production" | "none";

export function buildKind(): BuildKind {
  // Written out in full: Next.js inlines only the literal `process.env.LP_BUILD`.
  const kind = process.env.LP_BUILD;
  return kind === "dev" || kind === "production" ? kind : "none";
}

/**
 * Whether the development node, its wallet and the generated dev APP_SECRET may be used: in a
 * `next dev` build, outside Next.js when NODE_ENV is not production, or with the test suite's
 * explicit opt-in DEV_NODE_IN_PRODUCTION=1.
 */
export function devToolsAllowed(env: Pick<Env, "NODE_ENV" | "DEV_NODE_IN_PRODUCTION">): boolean {
  if (env.DEV_NODE_IN_PRODUCTION === "1") return true;
  const kind = buildKind();
  // Inside a Next.js server without LP_BUILD the build did not go through next.config.ts: refuse.
  if (kind === "none") return !process.env.NEXT_RUNTIME && env.NODE_ENV !== "production";
  return kind === "dev";
}
