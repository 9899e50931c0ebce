// A Resend-compatible HTTP server for tests: the real SDK (RESEND_BASE_URL) talks to it, and tests read what would
// have been delivered. It behaves like Resend where it matters for exactly-once delivery:
//  - an idempotency key replays the first answer, and the same key with other emails is refused (409);
//  - permissive batch validation answers per email (an address containing "invalid" is refused);
//  - attachments only through POST /emails: the batch endpoint takes none (Resend drops them silently; this fake
//    refuses them, so that a test catches an attachment sent the wrong way);
// and its failure modes are scriptable: 429 with retry-after, 500, a connection dropped before or after the emails
// were accepted, an answer that never comes, and a fixed latency.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash, randomUUID } from "node:crypto";
import type { AddressInfo, Socket } from "node:net";

export type FakeEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  tags?: Array<{ name: string; value: string }>;
  /** As the API receives them: content in base64. */
  attachments?: Array<{ filename: string; content: string; content_type?: string }>;
  idempotencyKey?: string;
  receivedAt: string;
};
/** "accept-drop": the emails are accepted, then the connection is cut before the answer (the worst case). */
export type Behaviour = "ok" | "429" | "500" | "drop" | "accept-drop" | "hang" | "invalid";

export type FakeResend = {
  url: string;
  messages: FakeEmail[];
  /** HTTP requests to the API (not the /__test routes). */
  readonly calls: number;
  /** Requests accepted under "hang": their emails are in `messages`, their answers never came. */
  readonly held: number;
  /** Behaviours for the next API requests, in order; then "ok". */
  script(...behaviours: Behaviour[]): void;
  /** Called when a request arrives (tests use it to kill a worker mid-call). */
  onRequest?: ((calls: number) => void) | undefined;
  /** Addresses that received more than one email with the same subject. */
  duplicates(): string[];
  close(): Promise<void>;
};

async function body(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return { raw, json: JSON.parse(raw || "null") };
}

function json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(payload));
}

export async function startFakeResend(opts: { port?: number; latencyMs?: number; host?: string; retryAfterSeconds?: number } = {}): Promise<FakeResend> {
  const messages: FakeEmail[] = [];
  // Idempotency key → hash of the request and the answer it got.
  const byKey = new Map<string, { hash: string; status: number; payload: unknown }>();
  const queue: Behaviour[] = [];
  const state = { calls: 0, held: 0 };
  const sockets = new Set<Socket>();

  const accept = (payload: Record<string, unknown>, key: string | undefined): FakeEmail => {
    const email: FakeEmail = {
      id: randomUUID(),
      from: String(payload.from),
      to: ([] as string[]).concat(payload.to as string | string[]),
      subject: String(payload.subject),
      ...(typeof payload.text === "string" ? { text: payload.text } : {}),
      ...(typeof payload.html === "string" ? { html: payload.html } : {}),
      ...(Array.isArray(payload.tags) ? { tags: payload.tags as FakeEmail["tags"] } : {}),
      ...(Array.isArray(payload.attachments) ? { attachments: payload.attachments as FakeEmail["attachments"] } : {}),
      ...(key ? { idempotencyKey: key } : {}),
      receivedAt: new Date().toISOString(),
    };
    messages.push(email);
    return email;
  };

  const invalid = (p: Record<string, unknown>) => ([] as string[]).concat(p.to as string | string[]).some((to) => !/^[^@\s]+@[^@\s]+$/.test(to) || to.includes("invalid"));

  const fake: FakeResend = {
    url: "",
    messages,
    get calls() {
      return state.calls;
    },
    get held() {
      return state.held;
    },
    script: (...behaviours) => queue.push(...behaviours),
    duplicates() {
      const seen = new Map<string, number>();
      for (const m of messages) for (const to of m.to) seen.set(`${to}\n${m.subject}`, (seen.get(`${to}\n${m.subject}`) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([k]) => k.split("\n")[0]!);
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  // A client that gave up (its timeout, under load) aborts its request: like a real server, drop it and go on.
  const server: Server = createServer((req, res) => void handle(req, res).catch(() => req.socket.destroy()));
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/__test/messages") {
      if (req.method === "DELETE") {
        messages.length = 0;
        return json(res, 200, { ok: true });
      }
      const to = url.searchParams.get("to");
      return json(res, 200, to ? messages.filter((m) => m.to.includes(to)) : messages);
    }
    if (url.pathname === "/__test/stats") return json(res, 200, { calls: state.calls, messages: messages.length, duplicates: fake.duplicates().length });
    state.calls += 1;
    fake.onRequest?.(state.calls);
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    if (!/^Bearer re_\S+$/.test(req.headers.authorization ?? "")) return json(res, 401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });
    const behaviour = queue.shift() ?? "ok";
    if (behaviour === "drop") return req.socket.destroy();
    if (behaviour === "429") return json(res, 429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { "retry-after": String(opts.retryAfterSeconds ?? 1) });
    if (behaviour === "500") return json(res, 500, { statusCode: 500, name: "internal_server_error", message: "Internal error" });
    if (behaviour === "invalid") return json(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field" });
    const key = req.headers["idempotency-key"] as string | undefined;
    const { raw, json: payload } = await body(req);
    const hash = createHash("sha256").update(`${url.pathname}\n${raw}`).digest("hex");
    const answer = (status: number, out: unknown) => {
      if (key) byKey.set(key, { hash, status, payload: out });
      if (behaviour === "accept-drop") return req.socket.destroy();
      if (behaviour === "hang") return void (state.held += 1); // accepted; the answer never comes
      json(res, status, out);
    };
    if (key && byKey.has(key)) {
      const first = byKey.get(key)!;
      if (first.hash !== hash) return json(res, 409, { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." });
      return json(res, first.status, first.payload);
    }
    if (req.method === "POST" && url.pathname === "/emails") {
      const email = accept(payload as Record<string, unknown>, key);
      return answer(200, { id: email.id });
    }
    if (req.method === "POST" && url.pathname === "/emails/batch") {
      const list = payload as Array<Record<string, unknown>>;
      if (!Array.isArray(list) || list.length > 100) return json(res, 422, { statusCode: 422, name: "validation_error", message: "A batch holds 1 to 100 emails." });
      if (list.some((p) => p.attachments !== undefined)) return json(res, 422, { statusCode: 422, name: "validation_error", message: "Attachments are not supported by the batch endpoint." });
      const permissive = req.headers["x-batch-validation"] === "permissive";
      if (!permissive && list.some(invalid)) return json(res, 422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field" });
      const data: Array<{ id: string }> = [];
      const errors: Array<{ index: number; message: string }> = [];
      list.forEach((p, index) => {
        if (invalid(p)) errors.push({ index, message: "Invalid `to` field. The email address needs to follow the `email@example.com` format." });
        else data.push({ id: accept(p, key).id });
      });
      return answer(200, permissive ? { data, errors } : { data });
    }
    return json(res, 404, { statusCode: 404, name: "not_found", message: "Not found" });
  }
  // Never close an idle kept-alive connection: a client reusing it at that moment got "socket hang up" (ECONNRESET)
  // on a GET of /__test/messages (CI, e2e list-lifecycle). close() destroys every socket anyway.
  server.keepAliveTimeout = 0;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  return fake;
}
