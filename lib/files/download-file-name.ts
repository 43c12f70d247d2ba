import { create } from "content-disposition";

// The download's name in Content-Disposition: the stored name (already sanitized at upload) is
// cleaned again here, since a header is the last place a path or a control character may reach:
// no directories, no control or bidi-override characters, no leading dots, at most 200 chars.
// The `content-disposition` package writes the ASCII `filename` fallback and the RFC 5987
// `filename*` for anything else (RFC 6266).

export function safeDownloadName(name: string): string {
  const base = name.split(/[/\\]/).at(-1) ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/^[.\s]+/, "")
    .trim();
  const short = Array.from(clean).slice(0, 200).join("");
  return short === "" ? "download" : short;
}

export function attachmentHeader(name: string): string {
  return create(safeDownloadName(name), { type: "attachment" });
}
