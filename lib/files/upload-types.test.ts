import { describe, expect, it } from "vitest";
import { sanitizeFileName } from "@/lib/files/upload-types";

describe("sanitizeFileName", () => {
  it("keeps the last path part, drops controls, quotes and specials, and sets the sniffed extension", () => {
    expect(sanitizeFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("C:\\Users\\x\\report.final.PDF", "pdf")).toBe("report.final.pdf");
    expect(sanitizeFileName('a"b\'c`d<e>f|g:h*i?j;k%l.zip', "zip")).toBe("abcdefghijkl.zip");
    expect(sanitizeFileName("tab\there\u202eexe.pdf", "png")).toBe("tab here exe.png");
    expect(sanitizeFileName("...", "pdf")).toBe("file.pdf");
    expect(sanitizeFileName("/", "gif")).toBe("file.gif");
    expect(sanitizeFileName("x".repeat(300), "epub")).toHaveLength(120);
    expect(sanitizeFileName("🎵".repeat(200) + ".mp3", "mp3")).toBe(`${"🎵".repeat(116)}.mp3`);
  });
});
