// Small HTTP helpers for integration tests: raw fetches that keep the exact bytes sent.
export type RawResponse = { status: number; text: string; headers: Headers; cookies: Record<string, string> };

export async function get(url: string, options: { cookie?: string; headers?: Record<string, string>; follow?: boolean } = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    redirect: options.follow ? "follow" : "manual",
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
  });
  return toRaw(response);
}

export async function post(url: string, body: string | undefined, options: { cookie?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
  });
  return toRaw(response);
}

export function postJson(url: string, value: unknown, options: { cookie?: string } = {}) {
  return post(url, JSON.stringify(value), { ...options, headers: { "content-type": "application/json" } });
}

/** The name=value pairs of a response's Set-Cookie headers (an expired cookie comes back as ""). */
export function setCookies(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    cookies[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return cookies;
}

async function toRaw(response: Response): Promise<RawResponse> {
  return { status: response.status, text: await response.text(), headers: response.headers, cookies: setCookies(response) };
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}

export function invoiceIn(html: string): string {
  const match = /lnbcrt[0-9a-z]+/.exec(html);
  if (!match) throw new Error("no invoice in the page");
  return match[0];
}

export function paymentIdIn(html: string): string {
  const match = /\/api\/payments\/([a-z0-9]{20,32})|paymentId\\?":\\?"([a-z0-9]{20,32})/.exec(html);
  if (!match) throw new Error("no payment id in the page");
  return (match[1] ?? match[2])!;
}

/** Reads Server-Sent Events until `until` returns true or the timeout passes. */
export async function readEvents(url: string, cookie: string, until: (events: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: string[] = [];
  try {
    const response = await fetch(url, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split("\n").find((line) => line.startsWith("data: "));
        if (data) events.push(data.slice(6));
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
