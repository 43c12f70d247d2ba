import "server-only";

/**
 * Reads and discards what is left of a refused upload's body, for at most `ms`, before the
 * refusal is sent and the connection closed ("lingering close", as nginx does). Closing a socket
 * with unread bytes in it makes the kernel send a reset, which can reach the client before it
 * has read our 413 and wipe it: the client then sees a dropped connection instead of the
 * reason. A fast client's remainder is read in milliseconds; a slow one gets the refusal after
 * `ms` anyway. Nothing read is kept.
 */
export async function drainBody(request: Request, ms: number): Promise<void> {
  const body = request.body;
  if (!body || body.locked) return;
  const reader = body.getReader();
  const deadline = Date.now() + ms;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      const next = await Promise.race([reader.read(), new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), left)))]);
      clearTimeout(timer);
      if (next === "timeout" || next.done) return;
    }
  } catch {
    // The client went away: nothing left to drain.
  }
}
