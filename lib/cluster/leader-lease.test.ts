import { describe, expect, it } from "vitest";
import { leaderApplicationName, leaderLockKey } from "@/lib/cluster/leader-lease";

describe("leader lease naming", () => {
  it("derives a stable, positive 63-bit advisory lock key per job, different per job", () => {
    const key = leaderLockKey("settlements");
    expect(key).toBe(leaderLockKey("settlements"));
    expect(key > 0n && key < 2n ** 63n).toBe(true);
    expect(leaderLockKey("other")).not.toBe(key);
  });

  it("fits the instance and the time it took the lead in application_name's 63 bytes", () => {
    const id = "x".repeat(40); // INSTANCE_ID's maximum
    const name = leaderApplicationName(id, new Date("2026-12-03T00:00:00Z"));
    expect(name).toBe(`lp ${id} @${Date.parse("2026-12-03T00:00:00Z") / 1000}`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });
});
