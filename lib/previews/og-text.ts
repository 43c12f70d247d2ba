// The preview image is drawn by next/og with the font it bundles (Geist). For any character
// that font lacks, next/og downloads a font or emoji from Google Fonts / a CDN at run time: this
// server has no internet and must not try. So text for the image keeps only characters the
// bundled font has (its cmap, listed below as hex ranges; test/unit/og-font-coverage.test.ts
// checks the list against the font file of the installed Next.js), accents are dropped from
// letters it lacks (keeping the base letter), and anything else shows as "?". Pictographs are
// left out even where the font has them: next/og would fetch an emoji image for those.
const GEIST_RANGES = "20-7e a0-ac ae-113 116-12b 12e-137 139-13e 141-148 14a-14d 150-17e 18f-18f 192-192 1a0-1a1 1af-1b0 1cd-1ce 1e4-1e9 218-21b 237-237 259-259 2b9-2b9 2bc-2bc 2c6-2c8 2d8-2dd 300-304 306-30c 312-312 31b-31b 323-323 326-328 335-338 39b-39b 3a9-3a9 3bb-3bc 3c0-3c0 3c9-3c9 400-45f 462-463 46a-46b 472-475 490-493 496-497 49a-49b 4a2-4a3 4ae-4b3 4b6-4b7 4ba-4bb 4c0-4c0 4cf-4cf 4d8-4d9 4e2-4e3 4e8-4e9 4ee-4ef e3f-e3f 1e20-1e21 1e80-1e85 1e9e-1e9e 1ea0-1ef9 2013-2014 2018-201a 201c-201e 2020-2022 2026-2026 2030-2030 2032-2033 2039-203a 2044-2044 2070-2070 2074-2079 2080-2089 20aa-20aa 20ac-20ac 20b1-20b1 20b4-20b4 20b9-20b9 20bd-20bd 2116-2117 2122-2122 2153-2155 215b-215e 2190-2199 219d-219d 21a9-21aa 21b0-21b1 21b3-21b5 21e4-21e5 21e7-21e7 2202-2202 2206-2206 220f-220f 2211-2212 221a-221a 221e-221e 222b-222b 2236-2236 2248-2248 2260-2260 2264-2265 2460-2468 24ea-24ea 24ff-24ff 25b2-25b3 25b6-25b7 25bc-25bd 25c0-25c1 25ca-25cc 25cf-25cf 2639-263a 2776-277e 3003-3003 301c-301c a78b-a78c f8ff-f8ff fb01-fb02";

const covered: Array<[number, number]> = GEIST_RANGES.split(" ").map((range) => {
  const [from, to] = range.split("-").map((hex) => parseInt(hex, 16));
  return [from!, to!];
});

const PICTOGRAPH = /\p{Extended_Pictographic}/u;

export function fontHas(codePoint: number): boolean {
  return covered.some(([from, to]) => codePoint >= from && codePoint <= to) && !PICTOGRAPH.test(String.fromCodePoint(codePoint));
}

/** The text with every character the bundled font lacks replaced (see above); whitespace runs become one space. */
export function drawableText(value: string): string {
  let out = "";
  for (const char of value.normalize("NFC").replace(/\s+/g, " ")) {
    if (fontHas(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += base && [...base].every((part) => fontHas(part.codePointAt(0)!)) ? base : "?";
  }
  return out.trim();
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis. */
export function clip(value: string, max: number): string {
  const chars = [...value];
  if (chars.length <= max) return value;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
