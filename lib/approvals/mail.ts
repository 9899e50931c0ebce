// The emails of the two-person rule, built from a reference and a link only: an approval request may be about an
// embargoed notice, so its details stay behind the sign-in (the approver reads the preview on the request's page).
import { KIND_LABELS, type RequestKind } from "./policy";

const shortId = (id: string) => id.slice(-8).toUpperCase();

export function approvalReference(requestId: string): string {
  return `APR-${shortId(requestId)}`;
}

export function approvalRequestMail(publicUrl: string, project: string, r: { id: string; kind: RequestKind; requestedBy: string; expiresAt: Date }): { subject: string; text: string } {
  const ref = approvalReference(r.id);
  return {
    subject: `[${project}] Approval needed: ${KIND_LABELS[r.kind]} (${ref})`,
    text: [
      `${r.requestedBy} asks a second maintainer to approve: ${KIND_LABELS[r.kind]}.`,
      "",
      `Reference: ${ref}`,
      `Open until: ${r.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC`,
      "",
      `Review what exactly would happen, then approve or decline: ${publicUrl}/maintainer/approvals/${r.id}`,
      "",
      "You get this email because you are a maintainer who can approve requests. Nothing happens until another maintainer approves.",
    ].join("\n"),
  };
}

export function breakGlassMail(publicUrl: string, project: string, r: { id: string; kind: RequestKind; by: string; reason: string; at: Date; link: string }): { subject: string; text: string } {
  const ref = approvalReference(r.id);
  return {
    subject: `[${project}] Done without approval: ${KIND_LABELS[r.kind]} (${ref})`,
    text: [
      `${r.by} used the break-glass path: "${KIND_LABELS[r.kind]}" was done at once, without a second maintainer's approval.`,
      "",
      `When: ${r.at.toISOString().replace("T", " ").slice(0, 16)} UTC`,
      `Their reason: ${r.reason}`,
      `Reference: ${ref}`,
      "",
      `See it: ${publicUrl}${r.link}`,
      "",
      "Every maintainer gets this email. It is also in the audit log and marked on the notice.",
    ].join("\n"),
  };
}
