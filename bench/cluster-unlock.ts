// Settlement-to-unlock across instances: a reader's SSE stream held open on one chosen instance
// (the leader, which runs the settlement stream, or one that is not, which hears the settlement
// over LISTEN/NOTIFY), bob pays on the regtest network, and we time the "complete" event.
import { performance } from "node:perf_hooks";
import { bobWallet } from "@/test/support/bob-wallet";
import { paymentIdIn } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { type Distribution, distribution, latencyTable } from "./stats";

export type ClusterUnlockSample = { target: "leader" | "other"; instance: string; payMs: number; resolvedToEventMs: number; startToEventMs: number };
export type ClusterUnlockSummary = Record<"leader" | "other", { resolvedToEventMs: Distribution; startToEventMs: Distribution; payMs: Distribution }>;
type Target = { kind: "leader" | "other"; id: string; url: string };

/** An open SSE stream of one payment: `opened` once its first status arrived, `completeAt` (performance.now()) on "complete". */
function paymentEvents(url: string, cookie: string, timeoutMs = 30_000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let markOpen: () => void = () => {};
  const opened = new Promise<void>((resolve) => (markOpen = resolve));
  const completeAt = (async () => {
    const response = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`SSE ${url} answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`SSE ${url} ended without "complete"`);
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer.slice(0, end).split("\n").find((line) => line.startsWith("data: "));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        markOpen();
        if ((JSON.parse(data.slice(6)) as { status: string }).status === "complete") return at;
      }
    }
  })().finally(() => {
    clearTimeout(timer);
    controller.abort();
  });
  completeAt.catch(() => markOpen()); // a failed stream must not leave `opened` hanging
  return { opened, completeAt };
}

/** `perTarget` measured payments on each target, alternating, after one discarded warm-up each. */
export async function runClusterUnlock(targets: Target[], slug: string, perTarget: number): Promise<ClusterUnlockSample[]> {
  const bob = bobWallet();
  const samples: ClusterUnlockSample[] = [];
  for (let round = 0; round <= perTarget; round++) {
    for (const target of targets) {
      const reader = await newReaderInvoice(target.url, slug);
      const events = paymentEvents(`${target.url}/api/payments/${paymentIdIn(reader.html)}/events`, reader.cookie);
      await events.opened;
      const payStart = performance.now();
      await bob.pay(reader.invoice);
      const payResolved = performance.now();
      const eventAt = await events.completeAt;
      if (round === 0) continue; // warm-up
      samples.push({ target: target.kind, instance: target.id, payMs: payResolved - payStart, resolvedToEventMs: eventAt - payResolved, startToEventMs: eventAt - payStart });
    }
    if (round > 0 && round % 10 === 0) process.stdout.write(`  ${round}/${perTarget} rounds\n`);
  }
  return samples;
}

export function summarizeClusterUnlock(samples: readonly ClusterUnlockSample[]): ClusterUnlockSummary {
  const of = (kind: "leader" | "other") => {
    const mine = samples.filter((sample) => sample.target === kind);
    return {
      resolvedToEventMs: distribution(mine.map((sample) => sample.resolvedToEventMs)),
      startToEventMs: distribution(mine.map((sample) => sample.startToEventMs)),
      payMs: distribution(mine.map((sample) => sample.payMs)),
    };
  };
  return { leader: of("leader"), other: of("other") };
}

export function formatClusterUnlockTable(summary: ClusterUnlockSummary): string {
  return latencyTable([
    ["SSE on another instance: pay resolved -> unlock event", summary.other.resolvedToEventMs],
    ["SSE on the leader:       pay resolved -> unlock event", summary.leader.resolvedToEventMs],
    ["SSE on another instance: pay start -> unlock event", summary.other.startToEventMs],
    ["SSE on the leader:       pay start -> unlock event", summary.leader.startToEventMs],
    ["bob pay() duration, rounds on another instance", summary.other.payMs],
    ["bob pay() duration, rounds on the leader", summary.leader.payMs],
  ]);
}
