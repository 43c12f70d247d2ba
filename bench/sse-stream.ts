// One payment's Server-Sent Events stream over a plain http.request (no fetch: it costs the
// client far more memory per stream, and 10,000 of them must fit in one process). Parses only
// what the benchmark needs: the `status` of each data frame. Sends Accept-Encoding as browsers
// do: a compressed stream would cost the server a zlib context per reader.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type StatusStream = {
  /** Resolves with the first status (the stream is live: the server has subscribed). */
  opened: Promise<string>;
  /** Resolves with performance.timeOrigin + performance.now() (epoch ms) when `status` arrives. */
  statusAt: (status: string) => Promise<number>;
  close: () => void;
};

export function openStatusStream(url: string, cookie: string, agent: http.Agent, timeoutMs = 60_000): StatusStream {
  const seen = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  let markOpen: (status: string) => void = () => {};
  const opened = new Promise<string>((resolve, reject) => {
    markOpen = resolve;
    failed.catch(reject);
  });
  opened.catch(() => {});
  const timer = setTimeout(() => fail(new Error(`SSE ${url}: no first status within ${timeoutMs} ms`)), timeoutMs);
  const request = http.get(url, { agent, headers: { cookie, accept: "text/event-stream", "accept-encoding": "gzip, deflate, br" } }, (response) => {
    if (response.statusCode !== 200) {
      fail(new Error(`SSE ${url} answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      const at = performance.timeOrigin + performance.now();
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer.slice(0, end).split("\n").find((line) => line.startsWith("data: "));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const status = (JSON.parse(data.slice(6)) as { status: string }).status;
        clearTimeout(timer);
        markOpen(status);
        seen.set(status, at);
        waiting.get(status)?.(at);
      }
    });
    response.on("error", () => {});
  });
  request.on("error", (error) => fail(error));
  return {
    opened,
    statusAt: (status) => {
      const at = seen.get(status);
      if (at !== undefined) return Promise.resolve(at);
      return Promise.race([failed, new Promise<number>((resolve) => waiting.set(status, resolve))]);
    },
    close: () => {
      clearTimeout(timer);
      request.destroy();
    },
  };
}
