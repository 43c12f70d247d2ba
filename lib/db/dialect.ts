import { getEnv } from "@/lib/env";

// The two databases the site runs on. Raw SQL is written to run on both; where the dialects
// differ, the query files take the piece from here instead of spelling either one.
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function isPostgres(): boolean {
  return isPostgresUrl(getEnv().DATABASE_URL);
}
