// What an author may upload, decided from the bytes (file-type's magic numbers), never from the
// name or the Content-Type the client sends. Each allowed type has the one extension the stored
// download name gets, so a file called report.pdf that is really a ZIP is saved as report.zip.
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "application/epub+zip": "epub",
  "application/zip": "zip",
  "audio/mpeg": "mp3",
  "audio/x-m4a": "m4a",
  "audio/mp4": "m4a",
  "audio/ogg": "ogg",
  "audio/ogg; codecs=opus": "opus",
  "audio/flac": "flac",
  "audio/wav": "wav",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Shown when a type is refused and in the README. */
export const ALLOWED_TYPES_TEXT = "PDF, EPUB, ZIP, audio (MP3, M4A, OGG, FLAC, WAV) or an image (PNG, JPEG, WebP, GIF)";

/** Names as humans say them, for the file pages. */
export function typeLabel(mimeType: string): string {
  const extension = ALLOWED_TYPES[mimeType];
  return extension ? extension.toUpperCase() : "File";
}

const MAX_NAME = 120;

/**
 * The download name of an upload: the client's name reduced to its last path part, without
 * control characters, quotes, slashes or backslashes (they would break Content-Disposition or
 * suggest a path), capped at 120 characters, and always ending in the sniffed type's extension.
 */
export function sanitizeFileName(raw: string, extension: string): string {
  const last = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = last
    .normalize("NFC")
    // Control and bidirectional-override characters become spaces; quotes and shell or header
    // specials go.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/["'`<>|:*?;%]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  // Whatever extension the client wrote is replaced by the real one; leading dots go (no hidden names).
  const stem = cleaned.replace(/^[.\s]+/, "").replace(/\.[^.]*$/, "").trim() || "file";
  const capped = Array.from(stem).slice(0, MAX_NAME - extension.length - 1).join("").trim();
  return `${capped || "file"}.${extension}`;
}
