// A reader's open paywall: the payment's Server-Sent Events stream (/api/payments/<id>/events)
// read as it arrives, recording WHEN "complete" came (performance.now()), so tests can measure
// unlock latency across instances.
export type UnlockWatch = {
  /** Resolves with the arrival time of the "complete" event; rejects if the stream fails first. */
  completed: Promise<number>;
  /** Resolves once the stream is open and has sent the current status. */
  opened: Promise<void>;
  close(): void;
};

export function watchUnlock(baseUrl: string, paymentId: string, cookie: string, timeoutMs = 60_000): UnlockWatch {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no "complete" event for ${paymentId} within ${timeoutMs} ms`)), timeoutMs);
  let markOpened = () => {};
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  const completed = (async () => {
    const response = await fetch(`${baseUrl}/api/payments/${paymentId}/events`, { headers: { cookie, accept: "text/event-stream" }, signal: abort.signal });
    if (response.status !== 200 || !response.body) throw new Error(`events stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        markOpened();
        if ((JSON.parse(data) as { status?: string }).status === "complete") return performance.now();
      }
    }
    throw new Error(`events stream for ${paymentId} ended without "complete"`);
  })().finally(() => {
    clearTimeout(timer);
    markOpened();
    abort.abort();
  });
  completed.catch(() => {}); // awaited by the test; never an unhandled rejection meanwhile
  return { completed, opened, close: () => abort.abort() };
}
