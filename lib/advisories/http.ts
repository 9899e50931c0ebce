// Responses of the advisory outputs: public documents are cacheable (for a minute: a disclosure shows within one),
// private ones never; "not found" is the same small body whatever the reason.
import { NotFoundError } from "@/lib/server/errors";
import { PRIVATE_CACHE, PUBLIC_CACHE } from "./policy";

export function documentResponse(body: string, contentType: string, visibility: "public" | "private", filename?: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Cache-Control": visibility === "public" ? PUBLIC_CACHE : PRIVATE_CACHE,
      "X-Content-Type-Options": "nosniff",
      ...(visibility === "private" ? { Vary: "Cookie, Authorization" } : {}),
      ...(filename ? { "Content-Disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"` } : {}),
    },
  });
}

export const json = (value: unknown, visibility: "public" | "private", filename?: string) =>
  documentResponse(`${JSON.stringify(value, null, 2)}\n`, "application/json; charset=utf-8", visibility, filename);

export function notFoundResponse(): Response {
  return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

/** Runs a handler; the data layer's NotFoundError becomes the one 404. */
export async function orNotFound(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
