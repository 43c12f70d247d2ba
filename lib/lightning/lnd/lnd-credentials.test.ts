import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainLndError, readCredential, readSocket } from "@/lib/lightning/lnd/lnd-credentials";

describe("LND settings", () => {
  it("accept hex, base64 and file paths for cert and macaroon", () => {
    expect(readCredential("LND_MACAROON", "0201036c6e64")).toBe("0201036c6e64");
    expect(readCredential("LND_CERT", "LS0tLS1CRUdJTi\nBDRVJU")).toBe("LS0tLS1CRUdJTiBDRVJU");
    const dir = mkdtempSync(path.join(tmpdir(), "lnd-"));
    const file = path.join(dir, "admin.macaroon");
    writeFileSync(file, Buffer.from([2, 1, 3]));
    expect(readCredential("LND_MACAROON", file)).toBe(Buffer.from([2, 1, 3]).toString("base64"));
  });

  it("name the setting when a value is unusable", () => {
    expect(() => readCredential("LND_CERT", "/no/such/tls.cert")).toThrow(/^LND_CERT: file not found/);
    expect(() => readCredential("LND_MACAROON", "not base64 !!")).toThrow(/^LND_MACAROON:/);
    expect(() => readSocket("localhost")).toThrow(/^LND_SOCKET:/);
    expect(() => readSocket("host:99999")).toThrow(/^LND_SOCKET:/);
    expect(readSocket("127.0.0.1:10009")).toBe("127.0.0.1:10009");
    expect(readSocket("[::1]:10009")).toBe("[::1]:10009");
  });

  it("turn gRPC failures into one line naming the setting to fix", () => {
    const refused = [503, "GetWalletInfoErr", { err: { code: 14, details: "No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1." } }];
    expect(explainLndError(refused, "127.0.0.1:1")).toMatchObject({ setting: "LND_SOCKET" });
    const macaroon = [503, "UnexpectedErr", { err: { code: 2, details: "verification failed: signature mismatch after caveat verification" } }];
    expect(explainLndError(macaroon, "x:1")).toMatchObject({ setting: "LND_MACAROON" });
    const cert = [503, "UnexpectedErr", { err: { code: 14, details: "failed to connect to all addresses; last error: UNKNOWN: Ssl handshake failed: SSL_ERROR_SSL: CERTIFICATE_VERIFY_FAILED" } }];
    expect(explainLndError(cert, "x:1")).toMatchObject({ setting: "LND_CERT" });
  });
});
