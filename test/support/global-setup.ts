import { existsSync } from "node:fs";
import path from "node:path";

// Integration tests run the production build; `npm test` builds it first (scripts/test.mjs).
export default function setup() {
  const buildId = path.resolve(import.meta.dirname, "../../.next/BUILD_ID");
  if (!existsSync(buildId)) throw new Error("No production build: run `npm test` (it builds first) or `npx next build`.");
}
