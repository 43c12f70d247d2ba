// npm run db:seed: sample author and articles on an empty database (idempotent).
import { seedSampleContent } from "@/lib/articles/seed";
import { disconnectDb } from "@/lib/db/client";

seedSampleContent()
  .then(({ created }) => console.log(created ? `Seeded ${created} sample articles.` : "Database already has articles; seed skipped."))
  .catch((error) => {
    console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
