// For `npm run cluster -- status`: prints, as one JSON line, what PostgreSQL says runs on the
// database (instances connected, which one leads each once-per-site job). The SQL lives in
// lib/cluster/cluster-status-queries.ts; this only runs it (tsx --conditions=react-server, as
// the other scripts that use lib/). Reads DATABASE_URL.
import { Client } from "pg";
import { clusterStatus, LEADER_JOBS } from "@/lib/cluster/cluster-status-queries";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must be a PostgreSQL URL");
  const client = new Client({ connectionString: url, application_name: "lp-cluster-status", connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const status = await clusterStatus(client);
    console.log(JSON.stringify({ jobs: LEADER_JOBS, ...status }));
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
