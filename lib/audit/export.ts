import "server-only";
import { csvResponse, toCsv } from "@/lib/server/csv";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import type { AuditArchive } from "./chain";
import { canViewAudit } from "./policy";
import { archiveAuditEvents, exportAuditEvents, recordAudit } from "./data";
import { AuditArchiveRangeSchema, AuditFilterSchema } from "./schemas";

const notFound = () => Response.json({ error: "Not found" }, { status: 404 });
const invalid = (what: string, issues: Array<{ path: PropertyKey[]; message: string }>) =>
  Response.json({ error: what, issues: issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 });

/** Missing rights answer 404 like everything else; a bad filter answers 400 with what is wrong. */
export async function exportAuditCsv(viewer: Viewer, query: Record<string, string>, request: RequestInfo): Promise<Response> {
  if (!canViewAudit(viewer) || viewer.kind === "anonymous") return notFound();
  const filter = AuditFilterSchema.safeParse(query);
  if (!filter.success) return invalid("Invalid filter", filter.error.issues);
  const rows: Array<Array<string | number | null>> = [];
  for await (const e of exportAuditEvents(viewer, filter.data)) {
    rows.push([e.seq.toString(), e.occurredAt.toISOString(), e.actorEmail, e.action, e.targetType, e.targetId, e.ipAddress, JSON.stringify(e.details)]);
  }
  await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "audit.exported", ip: request.ip, details: { rows: rows.length } });
  const body = toCsv(["seq", "occurred_at_utc", "actor", "action", "target_type", "target_id", "ip_address", "details"], rows);
  return csvResponse(`forewarn-audit-${new Date().toISOString().slice(0, 10)}.csv`, body);
}

/**
 * An archive of a date range (README "Retention"): the events with their hashes and the chain proof, as JSON that
 * `npm run audit:verify -- FILE` checks without the database. Nothing is deleted: the log stays whole.
 */
export async function exportAuditArchive(viewer: Viewer, query: Record<string, string>, request: RequestInfo): Promise<Response> {
  if (!canViewAudit(viewer) || viewer.kind === "anonymous") return notFound();
  const range = AuditArchiveRangeSchema.safeParse(query);
  if (!range.success) return invalid("Invalid range", range.error.issues);
  const events: AuditArchive["events"] = [];
  for await (const e of archiveAuditEvents(viewer, range.data)) {
    events.push({ ...e, seq: e.seq.toString(), occurredAt: e.occurredAt.toISOString() });
  }
  const archive: AuditArchive = {
    format: "forewarn-audit-archive",
    version: 1,
    range: { ...range.data, timeZone: "UTC" },
    exportedAt: new Date().toISOString(),
    proof: { prevHash: events[0]?.prevHash ?? null, lastHash: events.at(-1)?.hash ?? null, events: events.length },
    events,
  };
  await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "audit.exported", ip: request.ip, details: { rows: events.length, archive: `${range.data.from}..${range.data.to}` } });
  return new Response(JSON.stringify(archive, null, 1), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="forewarn-audit-${range.data.from}-to-${range.data.to}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
