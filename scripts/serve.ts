// The HTTP server in front of Next (started by scripts/start.ts). It exists for one reason: Next keeps a client's
// own X-Forwarded-For header and never adds the socket address, so per-client rate limits could be dodged by
// sending any address. Here the client address is always taken from the socket (or, with FOREWARN_TRUST_PROXY=1,
// from the one proxy in front) and handed to the app in a header clients cannot set. The same goes for the host and
// scheme a request claims (X-Forwarded-Host, -Proto, -Port), which Next's server-action origin check and redirects
// believe: see lib/server/http/forwarded-headers.ts.
import { createServer } from "node:http";
import next from "next";
import { clientAddress, CLIENT_IP_HEADER } from "../lib/server/http/client-address.ts";
import { applyForwardedHeaders } from "../lib/server/http/forwarded-headers.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustProxy = process.env.FOREWARN_TRUST_PROXY === "1" || process.env.FOREWARN_TRUST_PROXY === "true";

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustProxy);
  delete req.headers[CLIENT_IP_HEADER];
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  // Next would otherwise pass a client-chosen X-Forwarded-For through as if a proxy had set it.
  req.headers["x-forwarded-for"] = ip ?? "";
  applyForwardedHeaders(req.headers, trustProxy);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`[forewarn] ready on http://localhost:${port}${dev ? " (development)" : ""}`);
});

// Hooks the app registered at start-up (the job engine lets running jobs finish), then exit; 5 s at most.
async function shutdown(): Promise<void> {
  setTimeout(() => process.exit(0), 5_000).unref();
  const hooks = (globalThis as { __forewarnShutdown?: Array<() => Promise<void>> }).__forewarnShutdown ?? [];
  await Promise.allSettled([new Promise<void>((resolve) => server.close(() => resolve())), ...hooks.map((hook) => hook())]);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
