import "server-only";
// Break-glass: an action that cannot wait for a second maintainer (ending an embargo for an issue exploited in the
// wild) runs at once with a written reason, and is recorded loudly: a request row marked breakGlass (the notice page
// shows it), an audit event, and an email to every active maintainer — all written inside the action's own
// transaction (handler.executeWithin), so the action and its loud record commit together or not at all.
import { getConfig } from "@/lib/server/config";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { getProjectSettings } from "@/lib/settings/data";
import type { ApprovalHandler } from "../handlers";
import { breakGlassMail } from "../mail";
import { KIND_LABELS } from "../policy";
import { approvalWhy } from "../schemas";
import { activeMaintainers } from "./settings";
import { actor, approver, requestRow } from "./shared";

export async function breakGlass<P>(viewer: Viewer, handler: ApprovalHandler<P>, params: P, why: unknown, request: RequestInfo, link: string): Promise<{ id: string; summary: string }> {
  const me = approver(viewer);
  const reason = approvalWhy.safeParse(typeof why === "string" ? why : "");
  if (!reason.success) {
    const message = "Say why this cannot wait for a second maintainer (every maintainer reads it).";
    throw new ValidationError(message, { breakGlassReason: [message] });
  }
  // Only an action that can record the break-glass inside its own transaction has the path: the action, the mark on
  // the notice (the request row), its audit event and the emails to every maintainer commit together or not at all.
  if (!handler.executeWithin) throw new ConflictError("This action has no break-glass path: ask another maintainer to approve it.");
  const checked = handler.params.parse(params);
  const preview = await handler.preview(viewer, checked);
  const fingerprint = await handler.fingerprint(viewer, checked);
  const id = crypto.randomUUID();
  const at = new Date();
  const project = (await getProjectSettings()).name;
  const emails = (await activeMaintainers()).map((m) => ({ to: m.email, ...breakGlassMail(getConfig().publicUrl, project, { id, kind: handler.kind, by: me.email, reason: reason.data, at, link }) }));
  const outbox = await prepareDispatch({ purpose: "approval.break-glass", label: `Break-glass: ${KIND_LABELS[handler.kind]}`, topic: `approval:${id}`, createdById: me.userId, emails, evenIfKeyUnusable: true });
  const target = handler.target(checked);
  const summary = await handler.executeWithin(viewer, checked, request, async (tx, outcome) => {
    await tx.approvalRequest.create({
      data: {
        ...requestRow({ id, kind: handler.kind, params: checked, preview, fingerprint, target, reason: reason.data, by: me, at, expiresAt: at }),
        status: "EXECUTED",
        breakGlass: true,
        executedAt: at,
        outcome,
      },
    });
    await outbox.write(tx);
    await recordAudit({ actor: actor(me), action: "approval.break-glass", target, ip: request.ip, details: { requestId: id, kind: handler.kind, reason: reason.data, maintainersTold: emails.length } }, tx);
  });
  return { id, summary };
}
