"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

// Module state survives router.refresh() (no reload), so a browser that refuses the cookie is
// not refreshed forever.
let refreshes = 0;
const MAX_REFRESHES = 2;

const BUY = {
  preparing: "Preparing your invoice…",
  noCookies: "Enable cookies to buy this article: your purchase is remembered by this browser.",
};

/** Re-renders the page once the browser cookie is stored, which brings the invoice (or sign-in code). */
export function RefreshOnce({ text = BUY }: { text?: { preparing: string; noCookies: string } }) {
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
      {text.noCookies}
    </p>
  ) : (
    <p className="state waiting" data-testid="paywall-state" data-state="preparing">
      <span className="spinner" aria-hidden /> {text.preparing}
    </p>
  );
}
