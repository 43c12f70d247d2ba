import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, PAGE_SIZE, toPage } from "@/lib/pagination/keyset-cursor";

describe("keyset cursor", () => {
  it("round-trips a time and an id", () => {
    const cursor = { at: new Date("2026-05-01T10:20:30.456Z"), id: "cmx6g15kk0006f17djtcf913c" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("treats anything malformed as no cursor (the first page)", () => {
    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    for (const raw of [
      undefined,
      "",
      ["a", "b"],
      "not base64!",
      "x".repeat(201),
      b64("2026-05-01T10:20:30.456Z"),
      b64("2026-05-01T10:20:30.456Z|id|extra"),
      b64("2026-13-01T10:20:30.456Z|abc"),
      b64("2026-05-01 10:20:30|abc"),
      b64("2026-05-01T10:20:30.456Z|a b"),
      b64("2026-05-01T10:20:30.456Z|' OR 1=1 --"),
    ]) {
      expect(decodeCursor(raw), String(raw)).toBeNull();
    }
  });

  it("cuts one extra row off and points the next page after the last row shown", () => {
    const rows = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => ({ id: `id${i}`, at: new Date(Date.UTC(2026, 0, 31 - i)).toISOString() }));
    const page = toPage(rows, (row) => ({ at: row.at, id: row.id }));
    expect(page.items).toHaveLength(PAGE_SIZE);
    expect(decodeCursor(page.older)).toEqual({ at: new Date(rows[PAGE_SIZE - 1]!.at), id: `id${PAGE_SIZE - 1}` });
    expect(toPage(rows.slice(0, PAGE_SIZE), (row) => ({ at: row.at, id: row.id })).older).toBeNull();
  });
});
