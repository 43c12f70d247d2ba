"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { focusAfterRefresh } from "@/components/focus-after-refresh";
import { takeStreamedBody, UnlockContext } from "@/components/invoice/unlock-context";
import { unlockArticle } from "@/lib/articles/unlock-action";

/**
 * Wraps an article's paywall. When its payment settles, the body replaces the paywall right away:
 * the one the payment stream sent with "complete", or else the one a server action returns
 * (unlockArticle; both only after the server checked the payment is complete and this browser
 * may read). Only then does a router.refresh() bring the rest of the purchased page (receipt
 * link, access-token button, gift box, files). Any refusal or failure falls back to that refresh
 * alone, which shows whatever the server decides.
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
      const show = (unlocked: ReactNode) => {
        // Take focus only from the paywall itself (its buttons) or from nowhere: a reader
        // typing elsewhere on the page keeps their place and hears the announcement.
        const active = document.activeElement;
        moveFocus.current = !active || active === document.body || Boolean(box.current?.contains(active));
        // Committed at once: the body is in the DOM before this callback returns.
        flushSync(() => setBody(unlocked));
      };
      // Usually the payment stream brought the body with "complete": no request at all. The
      // HTML is the server's rendering of the Markdown (lib/markdown/markdown-html.ts, the same
      // markup as <ArticleBody>), sent only to this reader after it saw the settlement.
      const streamed = takeStreamedBody(paymentId);
      if (streamed !== undefined) return show(<div className="article-body" data-testid="article-body" tabIndex={-1} dangerouslySetInnerHTML={{ __html: streamed }} />);
      unlockArticle(paymentId).then((result) => (result.ok ? show(result.body) : router.refresh()), () => router.refresh());
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
