// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First, before any request reaches Next.js: the real socket address for rate limits.
  const { stampSocketAddresses } = await import("@/lib/security/socket-address");
  stampSocketAddresses();
  // Downloads declare their length (Next.js drops Content-Length from route handlers).
  (await import("@/lib/http/declared-length")).restoreDeclaredLengths();
  const { startServerOrExit } = await import("@/lib/startup");
  await startServerOrExit();
}
