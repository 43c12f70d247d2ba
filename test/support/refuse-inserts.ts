import Database from "better-sqlite3";
import pg from "pg";

/**
 * Makes the database refuse every INSERT into `table` (to test a write that fails) until the
 * returned function is called. A trigger on either database, set from outside the site.
 */
export async function refuseInserts(databaseUrl: string, table: string, message: string): Promise<() => Promise<void>> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const sqlite = new Database(databaseUrl.replace(/^file:/, ""));
    sqlite.exec(`DELETE FROM "${table}"; CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END;`);
    return async () => {
      sqlite.exec("DROP TRIGGER IF EXISTS refuse_inserts");
      sqlite.close();
    };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`DELETE FROM "${table}";
    CREATE FUNCTION refuse_inserts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$;
    CREATE TRIGGER refuse_inserts BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_inserts();`);
  return async () => {
    await client.query(`DROP TRIGGER IF EXISTS refuse_inserts ON "${table}"; DROP FUNCTION IF EXISTS refuse_inserts();`);
    await client.end();
  };
}
