import { isIP } from "node:net";

// The client's network address, as scripts/serve.ts establishes it (see there for why).
export const CLIENT_IP_HEADER = "x-forewarn-client-ip";

/**
 * Without a trusted proxy the socket address is the client. Behind one (FOREWARN_TRUST_PROXY=1) the socket is the
 * proxy, and the client is the last address the proxy appended to X-Forwarded-For; anything before it was sent by
 * the client and is not believed.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string | null {
  const socket = socketAddress ? socketAddress.replace(/^::ffff:/, "") : null;
  if (!trustProxy) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Some proxies append "address:port" or "[v6]:port".
  const last = chain.at(-1)?.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1").replace(/^\[([^\]]+)\](?::\d+)?$/, "$1");
  return last && isIP(last) ? last.replace(/^::ffff:/i, "") : socket;
}
