"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { focusAfterRefresh } from "@/components/focus-after-refresh";
import { UnlockContext } from "@/components/invoice/unlock-context";
import { unlockArticle } from "@/lib/articles/unlock-action";

/**
 * Wraps an article's paywall. When its payment settles, one server action (unlockArticle: the
 * server checks the payment is complete and this browser may read) returns the rendered body,
 * which replaces the paywall right away; only then does a router.refresh() bring the rest of the
 * purchased page (receipt link, access-token button, gift box, files). Any refusal or failure
 * falls back to that refresh alone, which shows whatever the server decides.
 */
export function UnlockSwap({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [body, setBody] = useState<ReactNode>(null);
  const started = useRef(false);
  const moveFocus = useRef(false);
  const box = useRef<HTMLDivElement>(null);

  const unlock = useCallback(
    (paymentId: string) => {
      if (started.current) return;
      started.current = true;
      unlockArticle(paymentId).then(
        (result) => {
          if (!result.ok) return router.refresh();
          // Take focus only from the paywall itself (its buttons) or from nowhere: a reader
          // typing elsewhere on the page keeps their place and hears the announcement.
          const active = document.activeElement;
          moveFocus.current = !active || active === document.body || Boolean(box.current?.contains(active));
          // Committed at once: the body is in the DOM before this callback returns.
          flushSync(() => setBody(result.body));
        },
        () => router.refresh(),
      );
    },
    [router],
  );

  useEffect(() => {
    if (!body) return;
    if (moveFocus.current) {
      box.current?.querySelector<HTMLElement>("[data-testid=article-body]")?.focus({ preventScroll: false });
      focusAfterRefresh();
    }
    router.refresh();
  }, [body, router]);

  return (
    <div ref={box} className="unlock-swap">
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="unlock-announcement">
        {body ? "Paid. The article is open." : ""}
      </p>
      {body ?? <UnlockContext.Provider value={unlock}>{children}</UnlockContext.Provider>}
    </div>
  );
}
