"use server";
// Changing a sent notice's audience (maintainers): public endpoints, so each one parses its input with the domain's
// strict schema and goes through the data layer, which checks the viewer and the notice's state.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { addRecipients, removeRecipient } from "./data";
import { AddRecipientsSchema, RemoveRecipientSchema } from "./schemas";

function revalidateNotice(noticeId: string) {
  revalidatePath(`/maintainer/notices/${noticeId}`);
  revalidatePath(`/maintainer/notices/${noticeId}/tracking`);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export async function addRecipientsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    // `organisationIds` repeats (one option each): all of them, not the last.
    const input = parseForm(AddRecipientsSchema, { noticeId: form.get("noticeId") ?? undefined, reason: form.get("reason") ?? undefined, organisationIds: form.getAll("organisationIds") });
    const viewer = await getViewer();
    const request = await getRequestInfo();
    // The two-person rule (lib/approvals): a covered addition is filed for another maintainer instead.
    if (await fileIfCovered(viewer, "notice.add-recipients", input, form.get("approvalReason"), request)) {
      revalidateNotice(input.noticeId);
      return null;
    }
    const added = await addRecipients(viewer, input, request);
    revalidateNotice(input.noticeId);
    return added;
  });
  if (!result.ok) return result;
  if (!result.data) return { ok: true, data: undefined, message: FILED_MESSAGE };
  const { organisations, emails } = result.data;
  return { ok: true, data: undefined, message: `Added ${plural(organisations, "organisation")}: ${plural(emails, "email")} queued with the notice as it stands now.` };
}

export async function removeRecipientAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const input = parseForm(RemoveRecipientSchema, form);
    const removed = await removeRecipient(await getViewer(), input, await getRequestInfo());
    revalidateNotice(input.noticeId);
    return removed;
  });
  if (!result.ok) return result;
  return { ok: true, data: undefined, message: `Removed: its access ended. ${plural(result.data.emails, "email")} queued telling it so.` };
}
