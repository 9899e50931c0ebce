import "server-only";
// The JSON API's front door, shared by every /api/v1 route handler (the CSAF route too): resolve the bearer token to
// a vendor Viewer, rate-limit, run the handler, answer JSON that is never cached, and audit the call.
//
// Answers, chosen so that nothing about a notice or a token can be probed:
// - no Authorization header at all → 401 with `WWW-Authenticate: Bearer` (house style: 401 only means "no
//   credentials"; it tells an integrator what to send, and says nothing the caller did not know);
// - a token that is malformed, unknown, revoked or expired, or whose owner or organisation is no longer active →
//   404 `{"error":"Not found"}`, byte for byte the answer for a notice that does not exist or is not theirs;
// - too many calls → 429 with Retry-After.
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer } from "@/lib/server/viewer-types";
import { recordApiTokenUse, viewerFromApiToken, type ApiUse } from "./data/api";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export const apiNotFound = () => apiJson({ error: "Not found" }, 404);

export type ApiHandler = (viewer: VendorViewer, request: RequestInfo) => Promise<Response | object>;

/**
 * Runs `handler` as the token's owner. `route` names the route for the audit log (a template such as
 * "GET /api/v1/notices/:id", never the URL the caller sent). A handler returns a Response (any type, e.g. CSAF) or a
 * value answered as JSON; NotFoundError becomes 404 and ConflictError 409 with its public message.
 */
export async function withApiToken(request: Request, route: string, handler: ApiHandler): Promise<Response> {
  const use: ApiUse = { ip: request.headers.get(CLIENT_IP_HEADER), route };
  const caller = await viewerFromApiToken(request.headers.get("authorization"), use);
  if (!caller.ok) {
    if (caller.reason === "missing") return apiJson({ error: "Send an API token: Authorization: Bearer fwt_…" }, 401, { "WWW-Authenticate": 'Bearer realm="forewarn"' });
    if (caller.reason === "rate-limited") return apiJson({ error: "Too many requests" }, 429, { "Retry-After": String(Math.max(1, caller.retryAfterSeconds)) });
    return apiNotFound();
  }
  let response: Response;
  try {
    const result = await handler(caller.viewer, { ip: use.ip, userAgent: request.headers.get("user-agent") });
    response = result instanceof Response ? withNoStore(result) : apiJson(result);
  } catch (error) {
    if (error instanceof NotFoundError) response = apiNotFound();
    else if (error instanceof ConflictError) response = apiJson({ error: error.publicMessage }, 409);
    else {
      const errorId = crypto.randomUUID().slice(0, 8);
      console.error(`[forewarn] unexpected API error ${errorId} on ${route}:`, error);
      response = apiJson({ error: `Something went wrong (reference ${errorId}).` }, 500);
    }
  }
  await recordApiTokenUse(caller, use, response.status);
  return response;
}

function withNoStore(response: Response): Response {
  for (const [k, v] of Object.entries(NO_STORE)) response.headers.set(k, v);
  return response;
}
