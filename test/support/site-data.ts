import { disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetLightningForTests } from "@/lib/lightning/lightning";
import type { SiteServer } from "./site-server";

/** Makes this test process's lib/ code use the running server's database and secret. */
export async function shareServerDatabase(server: SiteServer) {
  await disconnectDb();
  process.env.DATABASE_URL = server.databaseUrl;
  process.env.APP_SECRET = server.appSecret;
  resetEnvForTests();
  resetLightningForTests();
}
