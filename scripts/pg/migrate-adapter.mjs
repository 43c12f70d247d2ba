// The driver adapter Prisma's CLI (migrate deploy/status, db push, migrate diff) uses on
// PostgreSQL, only from prisma.config.ts. Prisma 6.19's WebAssembly schema engine with the plain
// PrismaPg adapter fails here (see the README's PostgreSQL section):
//  1. it reads pg_catalog columns of type `name` (OID 19) and `"char"` (OID 18), which
//     adapter-pg cannot map ("Column type 'name' could not be deserialized", prisma/orm#27403):
//     they are reported as text;
//  2. executeScript splits a migration at every `;` and runs the pieces one by one (a failing
//     migration is left half applied): here it goes as one query, one implicit transaction;
//  3. the shadow database got the main database's URL: here it gets its own;
//  4. the pool kept the CLI alive: idle clients let the process exit.
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT = 25;
const CATALOG_ONLY = new Set([18, 19]);

function textForCatalogTypes(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) if (CATALOG_ONLY.has(field.dataTypeID)) field.dataTypeID = TEXT;
    return result;
  };
  return queryable;
}

function configFor(url, database) {
  const parsed = new URL(url);
  if (database) parsed.pathname = `/${database}`;
  return { connectionString: parsed.toString(), allowExitOnIdle: true };
}

function wrap(adapter) {
  textForCatalogTypes(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => textForCatalogTypes(await startTransaction(...args));
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

export function postgresMigrateAdapter(url) {
  const factory = new PrismaPg(configFor(url));
  return {
    provider: "postgres",
    adapterName: factory.adapterName,
    async connect() {
      return wrap(await factory.connect());
    },
    async connectToShadowDb() {
      const main = await this.connect();
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = wrap(await new PrismaPg(configFor(url, database)).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await main.dispose();
      };
      return shadow;
    },
  };
}
