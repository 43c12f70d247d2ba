import { describe, expect, it } from "vitest";
import { decideRange } from "@/lib/files/byte-range";
import { attachmentHeader, safeDownloadName } from "@/lib/files/download-file-name";

describe("decideRange", () => {
  const size = 1000;
  it("serves one byte range as a part", () => {
    expect(decideRange("bytes=0-99", size)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(decideRange("bytes=500-", size)).toEqual({ kind: "partial", start: 500, end: 999 });
    expect(decideRange("bytes=990-5000", size)).toEqual({ kind: "partial", start: 990, end: 999 });
    expect(decideRange("bytes=-100", size)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(decideRange("bytes=-5000", size)).toEqual({ kind: "partial", start: 0, end: 999 });
    expect(decideRange(" Bytes = 10 - 20 ", size)).toEqual({ kind: "partial", start: 10, end: 20 });
  });
  it("answers a range past the end as unsatisfiable", () => {
    expect(decideRange("bytes=1000-", size)).toEqual({ kind: "unsatisfiable" });
    expect(decideRange("bytes=5000-6000", size)).toEqual({ kind: "unsatisfiable" });
    expect(decideRange("bytes=-0", size)).toEqual({ kind: "unsatisfiable" });
    expect(decideRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
  });
  it("ignores what it does not serve (the whole file is sent)", () => {
    for (const header of [null, "", "bytes=", "bytes=-", "bytes=abc", "bytes=5-2", "bytes=0-1,5-9", "items=0-5", "bytes=0-5;x", "bytes=1e3-", `bytes=${"9".repeat(40)}-`]) {
      expect(decideRange(header, size), String(header)).toEqual({ kind: "full" });
    }
  });
});

describe("download file names", () => {
  it("keeps no directory, control or bidi characters, nor leading dots", () => {
    expect(safeDownloadName("../../etc/passwd")).toBe("passwd");
    expect(safeDownloadName("..\\..\\boot.ini")).toBe("boot.ini");
    expect(safeDownloadName("...hidden")).toBe("hidden");
    expect(safeDownloadName("a\u0000b\r\nc\u202efdp.exe")).toBe("abcfdp.exe");
    expect(safeDownloadName("../")).toBe("download");
  });
  it("writes an ASCII filename and an RFC 5987 filename* for the rest", () => {
    const header = attachmentHeader('my "best" résumé.pdf');
    expect(header).toBe(`attachment; filename="my \\"best\\" r?sum?.pdf"; filename*=UTF-8''my%20%22best%22%20r%C3%A9sum%C3%A9.pdf`);
    expect(attachmentHeader("plain.pdf")).toBe("attachment; filename=plain.pdf");
  });
});
