// GET /calendar/:secret.ics – a vendor member's private iCalendar feed of upcoming disclosures of the notices
// addressed to their organisation: reference, time and link only. The URL is the credential (calendar apps cannot
// send headers); 404 for an unknown or rotated secret and while the member or organisation is not active.
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { calendarForFeed } from "@/lib/tokens/data";

export const dynamic = "force-dynamic";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" } as const;

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const answer = await calendarForFeed(file.slice(0, 100), { ip: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get("user-agent") });
  if (answer.ok) {
    return new Response(answer.ics, { headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="forewarn.ics"' } });
  }
  if (answer.reason === "rate-limited") return Response.json({ error: "Too many requests" }, { status: 429, headers: { ...PRIVATE, "Retry-After": String(Math.max(1, answer.retryAfterSeconds)) } });
  return Response.json({ error: "Not found" }, { status: 404, headers: PRIVATE });
}
