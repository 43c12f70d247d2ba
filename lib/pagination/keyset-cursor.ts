import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlDate } from "@/lib/db/sql-values";

// Keyset ("cursor") pagination for every list: a page is the PAGE_SIZE rows that sort after the
// last row of the previous page, found through an index on (time, id), so page 5,000 costs what
// page 1 costs (OFFSET would read and skip every earlier row). The cursor is opaque to clients:
// base64url of "<ISO time>|<id>", validated strictly; anything else means the first page.

export const PAGE_SIZE = 20;

export type Cursor = { at: Date; id: string };
export type Page<T> = { items: T[]; older: string | null };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in a `?before=` value, or null (absent, repeated, malformed: the first page). */
export function decodeCursor(raw: unknown): Cursor | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  const parts = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (parts.length !== 2) return null;
  const [iso, id] = parts as [string, string];
  if (!ISO.test(iso) || !ID.test(id)) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? null : { at, id };
}

/** `AND (time, id) < (cursor)` for a list sorted by time DESC, id DESC; nothing on the first page. */
export function olderThan(cursor: Cursor | null, timeColumn: string, idColumn: string): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  return Prisma.sql`AND (${Prisma.raw(timeColumn)}, ${Prisma.raw(idColumn)}) < (${cursor.at}, ${cursor.id})`;
}

/** One more row than a page is asked for: its presence says there is an older page. */
export const PAGE_QUERY_LIMIT = PAGE_SIZE + 1;

/** The first PAGE_SIZE rows, and the cursor of the last one when more rows follow. */
export function toPage<T>(rows: T[], key: (row: T) => { at: unknown; id: string }): Page<T> {
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  if (rows.length <= PAGE_SIZE || last === undefined) return { items, older: null };
  const { at, id } = key(last);
  const time = sqlDate(at);
  return { items, older: time ? encodeCursor({ at: time, id }) : null };
}
