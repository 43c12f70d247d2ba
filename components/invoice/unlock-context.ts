"use client";

import { createContext } from "react";

/**
 * Set by a paywall that can swap its content in place (components/paywall/unlock-swap.tsx): an
 * invoice panel inside it hands over its settled payment instead of refreshing the whole page.
 */
export const UnlockContext = createContext<((paymentId: string) => void) | null>(null);
