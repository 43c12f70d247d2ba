import { notFound } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";

// File ids are cuids like every row id; anything else gets the same 404 as an unknown one.
export const isFileId = (value: string) => ROW_ID.test(value);

export function parseFileId(value: string): string {
  if (!isFileId(value)) throw notFound("No such file", "no_such_file");
  return value;
}
