"use client";

import { createContext } from "react";

/**
 * Set by a paywall that can swap its content in place (components/paywall/unlock-swap.tsx): an
 * invoice panel inside it hands over its settled payment instead of refreshing the whole page.
 */
export const UnlockContext = createContext<((paymentId: string) => void) | null>(null);

/**
 * Bodies a payment stream sent with "complete" (`event: body`, HTML made on the server from the
 * article's Markdown only after it saw the settlement and checked this reader), kept until the
 * paywall takes them: the swap then needs no request at all.
 */
const streamedBodies = new Map<string, string>();

export function keepStreamedBody(paymentId: string, html: string) {
  streamedBodies.set(paymentId, html);
}

export function takeStreamedBody(paymentId: string): string | undefined {
  const html = streamedBodies.get(paymentId);
  streamedBodies.delete(paymentId);
  return html;
}
