// autocannon ships no TypeScript types (and @types/autocannon is not installed); this declares
// only the part of its programmatic API that bench/http-load.ts uses.
declare module "autocannon" {
  type Histogram = { mean: number; average: number; stddev: number; min: number; max: number; total: number; p50: number; p90: number; p99: number };

  export type Options = {
    url: string;
    title?: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    warmup?: { connections?: number; duration?: number };
  };

  export type Result = {
    title?: string;
    url: string;
    duration: number;
    connections: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram & { totalCount: number };
    requests: Histogram & { sent: number };
    throughput: Histogram;
  };

  export default function autocannon(options: Options): Promise<Result>;
}
