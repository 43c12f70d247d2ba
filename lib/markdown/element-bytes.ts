import "server-only";
import { isValidElement, type ReactNode } from "react";

// Rough heap size of a rendered element tree, for the render cache's byte budget: a React
// element object with its props costs about 200 bytes on V8, strings 2 bytes a character
// (UTF-16 at worst) plus their header. Close enough to keep the cache within its setting.
const ELEMENT_BYTES = 200;
const STRING_BYTES = 24;

export function estimateElementBytes(node: ReactNode): number {
  if (typeof node === "string") return STRING_BYTES + node.length * 2;
  if (typeof node === "number" || typeof node === "boolean" || node == null) return 8;
  if (Array.isArray(node)) return node.reduce((sum: number, child: ReactNode) => sum + estimateElementBytes(child), 16);
  if (isValidElement(node)) {
    let bytes = ELEMENT_BYTES;
    for (const [name, value] of Object.entries(node.props as Record<string, unknown>)) {
      if (name === "children") bytes += estimateElementBytes(value as ReactNode);
      else if (typeof value === "string") bytes += STRING_BYTES + value.length * 2;
      else bytes += 16;
    }
    return bytes;
  }
  return 16;
}
