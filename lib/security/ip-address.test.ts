import { describe, expect, it } from "vitest";
import { addressList, inList, parseAddress, rateLimitKey } from "@/lib/security/ip-address";

describe("client address helpers", () => {
  it("reads plain, bracketed, ported and IPv4-mapped addresses, and nothing else", () => {
    expect(parseAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(parseAddress("203.0.113.7:5678")).toBe("203.0.113.7");
    expect(parseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(parseAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    for (const bad of ["", "unknown", "a.b.c.d", "1.2.3", "999.1.1.1", "<script>", undefined, null]) expect(parseAddress(bad)).toBeNull();
  });

  it("matches trusted proxies by address and CIDR", () => {
    const list = addressList(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(inList(list, "127.0.0.1")).toBe(true);
    expect(inList(list, "10.200.3.4")).toBe(true);
    expect(inList(list, "fd12::1")).toBe(true);
    expect(inList(list, "11.0.0.1")).toBe(false);
    expect(inList(list, "2001:db8::1")).toBe(false);
  });

  it("keys IPv4 by address and IPv6 by its /64", () => {
    expect(rateLimitKey("198.51.100.4")).toBe("198.51.100.4");
    expect(rateLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });
});
