import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clip, drawableText, fontHas } from "@/lib/previews/og-text";

// The code points of a TrueType font's cmap (formats 4 and 12, the ones Geist has).
function cmap(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let at = -1;
  for (let i = 0; i < tables; i++) if (font.toString("latin1", 12 + i * 16, 16 + i * 16) === "cmap") at = font.readUInt32BE(12 + i * 16 + 8);
  const points = new Set<number>();
  for (let i = 0; i < font.readUInt16BE(at + 2); i++) {
    const sub = at + font.readUInt32BE(at + 4 + i * 8 + 4);
    const format = font.readUInt16BE(sub);
    if (format === 4) {
      const segments = font.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14, starts = ends + segments * 2 + 2, deltas = starts + segments * 2, offsets = deltas + segments * 2;
      for (let s = 0; s < segments; s++) {
        const start = font.readUInt16BE(starts + s * 2), end = font.readUInt16BE(ends + s * 2), delta = font.readInt16BE(deltas + s * 2), offset = font.readUInt16BE(offsets + s * 2);
        for (let c = start; c <= end && start !== 0xffff; c++) {
          const glyph = offset === 0 ? (c + delta) & 0xffff : font.readUInt16BE(offsets + s * 2 + offset + (c - start) * 2);
          if (glyph) points.add(c);
        }
      }
    } else if (format === 12) {
      for (let g = 0; g < font.readUInt32BE(sub + 12); g++) {
        for (let c = font.readUInt32BE(sub + 16 + g * 12); c <= font.readUInt32BE(sub + 20 + g * 12); c++) points.add(c);
      }
    }
  }
  return points;
}

describe("text for the preview image", () => {
  it("lists exactly the characters of the font next/og bundles (so it never downloads one)", () => {
    const next = path.dirname(createRequire(import.meta.url).resolve("next/package.json"));
    const font = cmap(readFileSync(path.join(next, "dist/compiled/@vercel/og/Geist-Regular.ttf")));
    const listed = new Set<number>();
    for (let c = 0; c <= 0xffff; c++) if (fontHas(c)) listed.add(c);
    expect([...listed].filter((c) => !font.has(c))).toEqual([]);
    // Everything the font has is listed, pictographs aside (next/og fetches emoji images for those).
    const missing = [...font].filter((c) => !listed.has(c) && !/\p{Extended_Pictographic}/u.test(String.fromCodePoint(c)));
    expect(missing).toEqual([]);
  });

  it("keeps what the font draws, strips accents it lacks, and replaces the rest", () => {
    expect(drawableText("Café & crème — “quotes” 1,000 sats")).toBe("Café & crème — “quotes” 1,000 sats");
    expect(drawableText("Привет")).toBe("Привет");
    expect(drawableText("東京 🚀 ok")).toBe("?? ? ok");
    expect(drawableText("ǹ")).toBe("n");
    expect(drawableText("a\u0000b\n\tc  ")).toBe("a?b c");
    expect(drawableText("© ™ ✓")).toBe("? ? ?");
    expect([...drawableText("👩‍👩‍👧 x")].every((char) => char === "?" || char === " " || char === "x")).toBe(true);
  });

  it("clips long text at a word", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("one two three four five", 16)).toBe("one two three…");
    expect(clip("abcdefghijklmnop", 6)).toBe("abcde…");
  });
});
