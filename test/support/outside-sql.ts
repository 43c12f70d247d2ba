import Database from "better-sqlite3";
import pg from "pg";

// SQL run on the site's database from outside the site (a test breaking it on purpose), on
// SQLite or PostgreSQL by the URL.

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** Runs `sql` (one or more statements) on the database, through a connection of its own. */
export async function runOutside(databaseUrl: string, sql: string): Promise<void> {
  if (!isPostgres(databaseUrl)) {
    const sqlite = new Database(databaseUrl.replace(/^file:/, ""));
    try {
      sqlite.exec(sql);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Makes the database refuse every INSERT into `table` (a write that fails) until the returned function runs. */
export async function refuseInserts(databaseUrl: string, table: string, message: string): Promise<() => Promise<void>> {
  if (!isPostgres(databaseUrl)) {
    await runOutside(databaseUrl, `DELETE FROM "${table}"; CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END;`);
    return () => runOutside(databaseUrl, "DROP TRIGGER IF EXISTS refuse_inserts");
  }
  await runOutside(
    databaseUrl,
    `DELETE FROM "${table}";
     CREATE FUNCTION refuse_inserts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$;
     CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_inserts();`,
  );
  return () => runOutside(databaseUrl, `DROP TRIGGER IF EXISTS refuse_inserts ON "${table}"; DROP FUNCTION IF EXISTS refuse_inserts();`);
}
