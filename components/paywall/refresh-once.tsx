"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

// Module state survives router.refresh() (no reload), so a browser that refuses the cookie is
// not refreshed forever.
let refreshes = 0;
const MAX_REFRESHES = 2;

/** Re-renders the page once the buyer cookie is stored, which brings the invoice. */
export function RefreshOnce() {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (navigator.cookieEnabled && refreshes < MAX_REFRESHES) {
      refreshes++;
      router.refresh();
    } else {
      setGaveUp(true);
    }
  }, [router]);
  return gaveUp ? (
    <p className="state unavailable" data-testid="paywall-state" data-state="no-cookies">
      Enable cookies to buy this article: your purchase is remembered by this browser.
    </p>
  ) : (
    <p className="state waiting" data-testid="paywall-state" data-state="preparing">
      <span className="spinner" aria-hidden /> Preparing your invoice…
    </p>
  );
}
