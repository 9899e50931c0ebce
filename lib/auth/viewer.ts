import "server-only";
// getViewer(): who is calling, once per request. Every page, action and route handler starts here and passes the
// viewer to lib/<domain>/data.ts, which decides what it may see or do.
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { resolveSession, viewerFromSession } from "./data";
import { sessionCookieName } from "./cookies";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { ANONYMOUS, type RequestInfo, type Viewer } from "@/lib/server/viewer-types";

export const getViewer = cache(async (): Promise<Viewer> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const session = await resolveSession(token);
  return (session && viewerFromSession(session)) ?? ANONYMOUS;
});

export const getRequestInfo = cache(async (): Promise<RequestInfo> => {
  const h = await headers();
  return { ip: h.get(CLIENT_IP_HEADER), userAgent: h.get("user-agent") };
});
