"use server";
// The two-person rule's server actions (maintainers with the second factor): deciding a request, and the rule's own
// settings — whose change is itself covered whenever anything is. Public endpoints: each parses its input with the
// domain's strict schema and goes through the data layer, which checks the viewer and the request.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { APPROVAL_HANDLERS, FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { approveRequest, declineRequest, saveApprovalSettings } from "./data";
import { ApprovalSettingsSchema, DecideSchema, DeclineSchema } from "./schemas";

function revalidateApprovals(requestId?: string) {
  revalidatePath("/maintainer");
  revalidatePath("/maintainer/approvals");
  if (requestId) revalidatePath(`/maintainer/approvals/${requestId}`);
}

export async function approveRequestAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { requestId } = parseForm(DecideSchema, form);
    const done = await approveRequest(await getViewer(), { requestId }, APPROVAL_HANDLERS, await getRequestInfo());
    revalidateApprovals(requestId);
    revalidatePath("/maintainer/notices");
    return done.summary;
  });
  return result.ok ? { ok: true, data: undefined, message: `Approved and done. ${result.data}` } : result;
}

export async function declineRequestAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(DeclineSchema, form);
    await declineRequest(await getViewer(), input, await getRequestInfo());
    revalidateApprovals(input.requestId);
    return undefined;
  }, "Declined. Nothing was done; the requester sees your reason.");
}

export async function saveApprovalSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(ApprovalSettingsSchema, { covered: form.getAll("covered"), expiryHours: form.get("expiryHours") ?? undefined });
    const viewer = await getViewer();
    const request = await getRequestInfo();
    const filed = await fileIfCovered(viewer, "approvals.settings", input, form.get("approvalReason"), request);
    revalidatePath("/maintainer/settings");
    if (filed) {
      revalidateApprovals();
      return FILED_MESSAGE;
    }
    await saveApprovalSettings(viewer, input, request);
    return "Two-person rule saved.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}
