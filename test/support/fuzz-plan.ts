import type { FuzzRequest } from "./fuzz-client";
import { appRoutes, pathsFor, type RouteFile } from "./fuzz-targets";
import { fuzzBodies, fuzzHeaderSets, JUNK_SEGMENTS, METHODS, QUERIES, seededRandom } from "./fuzz-inputs";

// Turns the app's routes into a deterministic list of malformed requests.
export type FuzzPlanInput = { seed: number; realSlugs: string[]; realIds: string[]; cookie?: string; pathsPerRoute?: number };

const NEXTAUTH_PATHS = ["session", "csrf", "providers", "signin", "signin/lightning", "callback/lightning", "callback/unknown", "signout", "error", "error?error=%zz", "verify-request", "webauthn-options/x", "callback", "x".repeat(3000), "..%2F..%2Fapi%2Fhealth", encodeURIComponent("😀/ü")];

export const FUZZ_LIGHTNING_NAME = "fuzz-author";

function valuesFor(segment: string, input: FuzzPlanInput): string[] {
  if (segment === "[...nextauth]") return NEXTAUTH_PATHS;
  if (segment === "[slug]") return [...input.realSlugs, ...JUNK_SEGMENTS];
  if (segment === "[id]") return [...input.realIds, ...JUNK_SEGMENTS];
  // A Lightning Address name: a real one (the fuzz site's admin takes it), then junk.
  if (segment === "[name]") return [FUZZ_LIGHTNING_NAME, ...JUNK_SEGMENTS];
  return JUNK_SEGMENTS;
}

export function fuzzPlan(input: FuzzPlanInput): { routes: RouteFile[]; requests: FuzzRequest[] } {
  const random = seededRandom(input.seed);
  const bodies = fuzzBodies();
  const headerSets = fuzzHeaderSets();
  const routes = appRoutes();
  const requests: FuzzRequest[] = [];
  for (const routeFile of routes) {
    for (const path of pathsFor(routeFile, (segment) => valuesFor(segment, input), random.pick, input.pathsPerRoute ?? 17)) {
      for (const method of METHODS) {
        // GET and HEAD mostly go without a body, as clients send them; now and then with one.
        const body = (method === "GET" || method === "HEAD") && random.next() < 0.7 ? bodies[0]! : random.one(bodies);
        const headerSet = random.one(headerSets);
        const query = path.includes("?") ? "" : random.one(QUERIES);
        const headers: Record<string, string> = { ...headerSet.headers };
        if (body.contentType) headers["content-type"] = body.contentType;
        if (input.cookie) headers.cookie = headers.cookie ? `${headers.cookie}; ${input.cookie}` : input.cookie;
        requests.push({
          method,
          path: `${path}${query}`,
          headers,
          body: body.body,
          label: `${method} ${routeFile.file} ${path.slice(0, 120)}${query.slice(0, 40)} body=${body.name} headers=${headerSet.name}`,
        });
      }
    }
  }
  return { routes, requests };
}
