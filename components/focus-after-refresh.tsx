"use client";

import { useEffect, useRef } from "react";

// The unlocked body is swapped in by the paywall, then replaced by the server's own render when
// the page refreshes behind it; a keyboard or screen-reader user who was moved to it must not be
// dropped back to the top of the document by that second render.
const WINDOW_MS = 10_000;
let pendingSince = 0;

/** The next <FocusAfterRefresh> to mount (within 10 s) focuses its parent. */
export function focusAfterRefresh() {
  pendingSince = Date.now();
}

export function FocusAfterRefresh() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!pendingSince || Date.now() - pendingSince > WINDOW_MS) return;
    pendingSince = 0;
    ref.current?.parentElement?.focus({ preventScroll: true });
  }, []);
  return <span ref={ref} hidden />;
}
