import { Agent, request } from "node:http";

// Raw HTTP for the fuzz test: node:http sends what fetch would refuse or rewrite (a Host header,
// odd methods with bodies, broken percent-encoding in the path).
export type FuzzRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer; label: string };
export type FuzzResult = { request: FuzzRequest; status: number; body: string; error?: string };

const MAX_READ = 512 * 1024;

export function fuzzClient(baseUrl: string, concurrency: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

  // Next.js answers an RSC request without its cache-busting `_rsc` query with a redirect to the
  // same path with it; the interesting answer is the one after that redirect.
  async function send(req: FuzzRequest): Promise<FuzzResult> {
    const result = await sendOnce(req);
    const location = result.location;
    if (result.status >= 300 && result.status < 400 && location?.startsWith("/") && location.includes("_rsc=")) {
      return sendOnce({ ...req, path: location, label: `${req.label} (after the _rsc redirect)` });
    }
    return result;
  }

  function sendOnce(req: FuzzRequest): Promise<FuzzResult & { location?: string }> {
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body) headers["content-length"] = req.body.length;
      const outgoing = request(
        { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent, timeout: 30_000 },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const location = response.headers.location;
          const done = () => resolve({ request: req, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), location });
          // Event streams never end by themselves; the status and first bytes are what we check.
          if (String(response.headers["content-type"] ?? "").includes("text/event-stream")) {
            response.once("data", (chunk: Buffer) => (chunks.push(chunk), response.destroy(), done()));
            setTimeout(() => (response.destroy(), done()), 2000).unref();
            return;
          }
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_READ) chunks.push(chunk);
          });
          response.on("end", done);
          response.on("error", (error) => resolve({ request: req, status: response.statusCode ?? 0, body: "", error: error.message }));
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(new Error("timeout")));
      // A server that answers 413 and closes before reading a large body is fine; no answer is not.
      outgoing.on("error", (error) => resolve({ request: req, status: 0, body: "", error: error.message }));
      outgoing.end(req.body);
    });
  }

  /** Sends every request with at most `concurrency` in flight; results in input order. */
  async function sendAll(requests: FuzzRequest[]): Promise<FuzzResult[]> {
    const results: FuzzResult[] = new Array(requests.length);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        results[index] = await send(requests[index]!);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }

  return { send, sendAll, close: () => agent.destroy() };
}

/** Marks of a stack trace or of our source layout in a response body. */
export const STACK_PATTERNS = [/\n\s+at [^\n]*[/\\][^\n]*:\d+:\d+/, /node_modules[/\\]/, /\b[\w-]+\.tsx?:\d+/, /\bError: [^\n]*\n\s+at /, /webpack-internal:|turbopack:\/\//];

export function stackTraceIn(body: string): RegExp | undefined {
  return STACK_PATTERNS.find((pattern) => pattern.test(body));
}
