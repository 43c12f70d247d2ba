import "server-only";
import { hostname } from "node:os";
import { isPostgresUrl } from "@/lib/db/dialect";
import { getEnv } from "@/lib/env";

// The cluster primitives (shared events, leadership) switch on when the site's database is
// PostgreSQL; on SQLite (one process by nature) everything stays in-process, as before.

/** The PostgreSQL URL the site runs on, or undefined on SQLite. */
export function clusterDatabaseUrl(): string | undefined {
  const url = getEnv().DATABASE_URL;
  return isPostgresUrl(url) ? url : undefined;
}

/** Names this process in PostgreSQL (application_name) and in `cluster status`. */
export function instanceId(): string {
  return getEnv().INSTANCE_ID ?? `${hostname()}:${process.pid}`;
}
