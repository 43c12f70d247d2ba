// The first-party caveats of our L402 macaroons (`key=value`, as Aperture writes them):
//   services=articles:0               the service (and tier) the token is for
//   article=<article id>              the one article it opens (and the files attached to it), or
//   file=<file id>                    the one file sold alone it opens
//   articles_valid_until=<unix secs>  when it stops opening it (L402_TOKEN_SECONDS after minting)
// A holder may add caveats (each one can only narrow: all must hold), but a caveat we do not know
// is refused: we cannot tell whether it was meant to restrict something.

export const SERVICE = "articles";
export const SERVICE_TIER = 0;
export const VALID_UNTIL = `${SERVICE}_valid_until`;

/** What a token opens: an article (with its files) or a file sold alone. */
export type L402Target = { kind: "article" | "file"; id: string };

export type CaveatContext = { target: L402Target; nowSeconds: number };

export function mintCaveats(target: L402Target, validUntilSeconds: number): string[] {
  return [`services=${SERVICE}:${SERVICE_TIER}`, `${target.kind}=${target.id}`, `${VALID_UNTIL}=${validUntilSeconds}`];
}

/**
 * Checks one caveat; null when satisfied, else why not. Also reports which kinds were seen, so
 * the caller can require the ones every token must carry (a token without an expiry is refused).
 */
export function checkCaveat(condition: string, context: CaveatContext, seen: Set<string>): string | null {
  const eq = condition.indexOf("=");
  if (eq <= 0) return "malformed caveat";
  const key = condition.slice(0, eq).trim();
  const value = condition.slice(eq + 1).trim();
  seen.add(key);
  switch (key) {
    case "services": {
      const services = value.split(",").map((entry) => entry.trim());
      return services.some((entry) => entry === `${SERVICE}:${SERVICE_TIER}`) ? null : "not valid for this service";
    }
    case "article":
    case "file":
      return key === context.target.kind && value === context.target.id ? null : `not valid for this ${context.target.kind}`;
    case VALID_UNTIL: {
      if (!/^\d{1,12}$/.test(value)) return "malformed expiry";
      return Number(value) > context.nowSeconds ? null : "expired";
    }
    default:
      return "unknown caveat";
  }
}

/** The caveats every token must carry (and one of article or file); missing one refuses it. */
export const REQUIRED_CAVEATS = ["services", VALID_UNTIL] as const;
export const TARGET_CAVEATS = ["article", "file"] as const;
