// When signing keys change hands and how long a retired key stays published. Pure, so the
// schedule is unit-tested without a database.

/** Verifiers' clocks may run this far apart from ours; a retired key stays this much longer. */
export const CLOCK_SKEW_SECONDS = 60;

const DAY_MS = 86_400_000;

/** A new key is made when there is none, or the current one is older than the rotation period. */
export function needsNewKey(current: { createdAt: Date } | null, now: Date, keyDays: number): boolean {
  return !current || now.getTime() - current.createdAt.getTime() >= keyDays * DAY_MS;
}

/**
 * Until when a key must stay in the JWKS: forever while it signs (null); once retired, until the
 * last token it could have signed has expired (retired + token lifetime + clock skew).
 */
export function publishedUntil(retiredAt: Date | null, tokenSeconds: number): Date | null {
  return retiredAt ? new Date(retiredAt.getTime() + (tokenSeconds + CLOCK_SKEW_SECONDS) * 1000) : null;
}

/** Retired keys retired before this moment have no live token left and are deleted. */
export function dropRetiredBefore(now: Date, tokenSeconds: number): Date {
  return new Date(now.getTime() - (tokenSeconds + CLOCK_SKEW_SECONDS) * 1000);
}
