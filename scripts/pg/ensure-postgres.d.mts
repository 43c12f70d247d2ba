export const DEFAULT_PG_URL: string;
export function postgresBinDir(): string;
export function dropTestDatabases(url: string): number;
export function ensurePostgres(): string;
export function ensureLocalPostgres(database?: string): string;
