import { createRequire } from "node:module";
import type { AxeResults, ImpactValue } from "axe-core";
import type { Page } from "playwright-core";

// Deque's axe-core, injected into the page under test and run there, as the browser extension
// does. Only serious and critical findings fail a test; minor/moderate ones are best practice.
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const FAILING: ImpactValue[] = ["serious", "critical"];

export type ColorScheme = "light" | "dark";
export const COLOR_SCHEMES: ColorScheme[] = ["light", "dark"];

/** axe's serious and critical violations on the page as it is now, one readable line per element. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((violation) => violation.impact && FAILING.includes(violation.impact))
    .flatMap((violation) =>
      violation.nodes.map((node) => `[${violation.impact}] ${violation.id}: ${violation.help}\n    at ${node.target.join(" ")}: ${node.html.slice(0, 160)}\n    ${(node.failureSummary ?? "").replace(/\n\s*/g, " ")}`),
    );
}

/** The violations under each colour scheme (prefers-color-scheme), labelled by scheme. */
export async function violationsInEveryScheme(page: Page): Promise<string[]> {
  // A client re-render (router.refresh after a payment) streams the new metadata after the new
  // body: under load the title is briefly absent. Check the settled page; a page that never has
  // a title still fails (axe reports it after this wait runs out).
  await page.waitForFunction(() => document.title !== "", null, { timeout: 5000 }).catch(() => {});
  const found: string[] = [];
  for (const colorScheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await seriousViolations(page)).map((line) => `(${colorScheme}) ${line}`));
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
