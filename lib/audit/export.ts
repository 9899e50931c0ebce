import "server-only";
import { csvResponse, toCsv } from "@/lib/server/csv";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { canViewAudit } from "./policy";
import { exportAuditEvents, recordAudit } from "./data";
import { AuditFilterSchema } from "./schemas";

/** Missing rights answer 404 like everything else; a bad filter answers 400 with what is wrong. */
export async function exportAuditCsv(viewer: Viewer, query: Record<string, string>, request: RequestInfo): Promise<Response> {
  if (!canViewAudit(viewer) || viewer.kind === "anonymous") return Response.json({ error: "Not found" }, { status: 404 });
  const filter = AuditFilterSchema.safeParse(query);
  if (!filter.success) return Response.json({ error: "Invalid filter", issues: filter.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 });
  const rows: Array<Array<string | number | null>> = [];
  for await (const e of exportAuditEvents(viewer, filter.data)) {
    rows.push([e.seq.toString(), e.occurredAt.toISOString(), e.actorEmail, e.action, e.targetType, e.targetId, e.ipAddress, JSON.stringify(e.details)]);
  }
  await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "audit.exported", ip: request.ip, details: { rows: rows.length } });
  const body = toCsv(["seq", "occurred_at_utc", "actor", "action", "target_type", "target_id", "ip_address", "details"], rows);
  return csvResponse(`forewarn-audit-${new Date().toISOString().slice(0, 10)}.csv`, body);
}
