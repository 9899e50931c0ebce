import type { IncomingHttpHeaders } from "node:http";

// Which host and scheme a request says it was sent to. Next believes X-Forwarded-Host and X-Forwarded-Proto as sent:
// its server-action CSRF check accepts a POST whose Origin matches X-Forwarded-Host, and the proxy's redirects build
// absolute URLs from them (a forged host would send people elsewhere). Only a proxy in front may set them, so
// scripts/serve.ts removes them unless FOREWARN_TRUST_PROXY says there is one; behind one, the value the proxy wrote
// last is kept (a client can send its own, which proxies that append leave in front).
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const CHECKS: Record<string, (value: string) => boolean> = {
  "x-forwarded-host": (v) => HOST.test(v),
  "x-forwarded-proto": (v) => v === "http" || v === "https",
  "x-forwarded-port": (v) => /^\d{1,5}$/.test(v),
};

function lastValue(header: string | string[] | undefined): string | null {
  const values = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((v) => v.trim()).filter(Boolean);
  return values.at(-1) ?? null;
}

/** Rewrites the forwarding headers in place: removed without a trusted proxy; the proxy's own value with one. */
export function applyForwardedHeaders(headers: IncomingHttpHeaders, trustProxy: boolean): void {
  // RFC 7239 `Forwarded` is read by nothing here; dropped so nothing downstream starts believing it.
  delete headers.forwarded;
  for (const [name, valid] of Object.entries(CHECKS)) {
    const value = trustProxy ? lastValue(headers[name]) : null;
    if (value && valid(value)) headers[name] = value.toLowerCase();
    else delete headers[name];
  }
}
