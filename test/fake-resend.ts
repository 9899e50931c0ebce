// A Resend-compatible HTTP server for tests: the real SDK (RESEND_BASE_URL) talks to it, and tests read what would
// have been delivered. Failure modes (429 with retry-after, 500, dropped connections, latency) are scriptable.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

export type FakeEmail = { id: string; from: string; to: string[]; subject: string; text?: string; html?: string; idempotencyKey?: string; receivedAt: string };
export type Behaviour = "ok" | "429" | "500" | "drop" | "invalid";

export type FakeResend = {
  url: string;
  messages: FakeEmail[];
  calls: number;
  /** Behaviours for the next requests, in order; then "ok". */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

function json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

export async function startFakeResend(opts: { port?: number; latencyMs?: number; host?: string } = {}): Promise<FakeResend> {
  const messages: FakeEmail[] = [];
  const byKey = new Map<string, string[]>();
  const queue: Behaviour[] = [];
  const state = { calls: 0 };

  const accept = (payload: Record<string, unknown>, key: string | undefined): FakeEmail => {
    const email: FakeEmail = {
      id: randomUUID(),
      from: String(payload.from),
      to: ([] as string[]).concat(payload.to as string | string[]),
      subject: String(payload.subject),
      ...(typeof payload.text === "string" ? { text: payload.text } : {}),
      ...(typeof payload.html === "string" ? { html: payload.html } : {}),
      ...(key ? { idempotencyKey: key } : {}),
      receivedAt: new Date().toISOString(),
    };
    messages.push(email);
    return email;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/__test/messages") {
      if (req.method === "DELETE") {
        messages.length = 0;
        return json(res, 200, { ok: true });
      }
      const to = url.searchParams.get("to");
      return json(res, 200, to ? messages.filter((m) => m.to.includes(to)) : messages);
    }
    state.calls += 1;
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (!/^Bearer re_\S+$/.test(req.headers.authorization ?? "")) return json(res, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const behaviour = queue.shift() ?? "ok";
    if (behaviour === "drop") return req.socket.destroy();
    if (behaviour === "429") return json(res, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { "retry-after": "1" });
    if (behaviour === "500") return json(res, 500, { statusCode: 500, name: "internal_server_error", message: "Internal error" });
    if (behaviour === "invalid") return json(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field" });
    const key = req.headers["idempotency-key"] as string | undefined;
    const payload = await body(req);
    if (req.method === "POST" && url.pathname === "/emails") {
      if (key && byKey.has(key)) return json(res, 200, { id: byKey.get(key)![0] });
      const email = accept(payload as Record<string, unknown>, key);
      if (key) byKey.set(key, [email.id]);
      return json(res, 200, { id: email.id });
    }
    if (req.method === "POST" && url.pathname === "/emails/batch") {
      if (key && byKey.has(key)) return json(res, 200, { data: byKey.get(key)!.map((id) => ({ id })) });
      const ids = (payload as Array<Record<string, unknown>>).map((p) => accept(p, key).id);
      if (key) byKey.set(key, ids);
      return json(res, 200, { data: ids.map((id) => ({ id })) });
    }
    return json(res, 404, { statusCode: 404, name: "not_found", message: "Not found" });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    get calls() {
      return state.calls;
    },
    script: (...behaviours) => queue.push(...behaviours),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
