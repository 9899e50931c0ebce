import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { applyForwardedHeaders } from "./forwarded-headers";

const forged: IncomingHttpHeaders = {
  host: "forewarn.example",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "host=evil.example;proto=https",
};

describe("applyForwardedHeaders", () => {
  it("without a trusted proxy, removes every forwarding header a client sent", () => {
    const headers = { ...forged };
    applyForwardedHeaders(headers, false);
    expect(headers).toEqual({ host: "forewarn.example" });
  });

  it.each([
    ["the proxy's value", { "x-forwarded-host": "forewarn.example", "x-forwarded-proto": "https" }, { "x-forwarded-host": "forewarn.example", "x-forwarded-proto": "https" }],
    ["the value the proxy appended, not the client's in front", { "x-forwarded-host": "evil.example, Forewarn.example:8443", "x-forwarded-proto": "http, https" }, { "x-forwarded-host": "forewarn.example:8443", "x-forwarded-proto": "https" }],
    ["nothing for values that are no host or scheme", { "x-forwarded-host": "evil.example/path", "x-forwarded-proto": "javascript", "x-forwarded-port": "x" }, {}],
    ["an IPv6 literal", { "x-forwarded-host": "[2001:db8::1]:3000" }, { "x-forwarded-host": "[2001:db8::1]:3000" }],
  ])("behind a trusted proxy, keeps %s", (_label, sent, kept) => {
    const headers: IncomingHttpHeaders = { host: "10.0.0.5:3000", forwarded: "host=evil.example", ...sent };
    applyForwardedHeaders(headers, true);
    expect(headers).toEqual({ host: "10.0.0.5:3000", ...kept });
  });
});
