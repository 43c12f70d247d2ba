// The SSE part's client: a child process of its own (so its memory is not counted with the
// site's) holding N event streams open. Driven over IPC by bench/sse-memory.ts:
//   { cmd: "open", url, streams: [{ paymentId, cookie }] } -> { type: "opened", ms, failed, firstError }
//   { cmd: "close" }                                        -> { type: "closed" }, then exits.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { openStatusStream, type StatusStream } from "./sse-stream";

export type ClientStream = { paymentId: string; cookie: string };
export type ClientCommand = { cmd: "open"; url: string; streams: ClientStream[]; concurrency: number } | { cmd: "close" };
export type ClientReport = { type: "opened"; ms: number; open: number; failed: number; firstError?: string } | { type: "closed" };

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const open: StatusStream[] = [];
const send = (report: ClientReport) => process.send?.(report);

async function openAll(url: string, streams: ClientStream[], concurrency: number) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  // A bounded number of streams being set up at once, as many browsers arriving would.
  const worker = async () => {
    while (next < streams.length) {
      const { paymentId, cookie } = streams[next++]!;
      const stream = openStatusStream(`${url}/api/payments/${paymentId}/events`, cookie, agent);
      try {
        await stream.opened;
        open.push(stream);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
        stream.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  send({ type: "opened", ms: performance.now() - started, open: open.length, failed, firstError });
}

process.on("message", (command: ClientCommand) => {
  if (command.cmd === "open") void openAll(command.url, command.streams, command.concurrency);
  if (command.cmd === "close") {
    for (const stream of open.splice(0)) stream.close();
    agent.destroy();
    send({ type: "closed" });
    process.disconnect?.();
  }
});
// The parent died: do not hold 10,000 sockets open on a server that is going away.
process.on("disconnect", () => process.exit(0));
