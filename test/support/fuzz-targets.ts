import { readdirSync, statSync } from "node:fs";
import path from "node:path";

// Every page and route handler under app/, read from the file tree at test time so that a new
// route is fuzzed without anyone remembering to list it.
const root = path.resolve(import.meta.dirname, "../..");

export type RouteFile = { file: string; kind: "page" | "route"; segments: string[] };

export function appRoutes(dir = "app"): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(path.join(root, dir)).sort()) {
    const relative = path.join(dir, entry);
    if (statSync(path.join(root, relative)).isDirectory()) out.push(...appRoutes(relative));
    else if (/^(page|route)\.tsx?$/.test(entry)) {
      // Route groups "(name)" and private folders "_name" do not appear in the URL.
      const segments = dir.split(path.sep).slice(1).filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith("_"));
      out.push({ file: relative, kind: entry.startsWith("page") ? "page" : "route", segments });
    }
  }
  return out;
}

/** Does this folder name take a value ([id], [...slug], [[...slug]])? */
export const isDynamic = (segment: string) => /^\[.+\]$/.test(segment);

/**
 * The URL paths of one route: the cross product of its dynamic segments' values (already
 * percent-encoded as they go on the wire), capped to `limit` by a seeded pick.
 */
export function pathsFor(routeFile: RouteFile, valuesFor: (segment: string) => string[], pick: <T>(items: T[], count: number) => T[], limit: number): string[] {
  let paths = [""];
  for (const segment of routeFile.segments) {
    const values = isDynamic(segment) ? valuesFor(segment) : [segment];
    paths = paths.flatMap((prefix) => values.map((value) => `${prefix}/${value}`));
  }
  const all = paths.map((p) => p || "/");
  return all.length > limit ? pick(all, limit) : all;
}
