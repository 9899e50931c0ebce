"use server";
// Notice server actions (maintainers): public endpoints, so each one parses its input with the domain's strict schema
// and goes through the data layer, which checks the viewer (maintainer with second factor) and the notice's state.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { changeDisclosureDate, createNoticeDraft, remindSilent, reviseNotice, sendNotice, setChecklistItem, updateNoticeDraft } from "./data";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { endEmbargoBreakGlass, FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { ChangeDateSchema, ChecklistSchema, EditNoticeSchema, EndEmbargoSchema, NoticeDraftSchema, RemindSchema, ReviseNoticeSchema, SendNoticeSchema, WithdrawSchema } from "./schemas";

type Result<T = undefined> = Promise<ActionResult<T>>;
const NOTICES = "/maintainer/notices";

async function context() {
  return { viewer: await getViewer(), request: await getRequestInfo() };
}

/**
 * The draft's fields as the schema expects them. `organisationIds` is a repeated field (one checkbox each), which
 * Object.fromEntries would cut down to the last one; the notice id travels beside the fields, not in them.
 */
function draftFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || key === "noticeId" || key === "organisationIds" || key === "changeNote" || key === "version") continue;
    fields[key] = value;
  }
  if (form.has("organisationIds")) fields.organisationIds = form.getAll("organisationIds");
  return fields;
}

/** The form without the two-person rule's fields (read separately), for the action's strict schema. */
function withoutApprovalFields(form: FormData): Record<string, unknown> {
  return Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION") && !["approvalReason", "breakGlass", "breakGlassReason"].includes(k)));
}

function revalidateNotice(noticeId: string) {
  revalidatePath(NOTICES);
  revalidatePath(`${NOTICES}/${noticeId}`);
  revalidatePath(`${NOTICES}/${noticeId}/tracking`);
}

export async function createNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const input = parseForm(NoticeDraftSchema, draftFields(form));
    const { viewer, request } = await context();
    return createNoticeDraft(viewer, input, request);
  });
  if (result.ok) {
    revalidatePath(NOTICES);
    redirect(`${NOTICES}/${result.data.id}`);
  }
  return result;
}

export async function updateNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const { noticeId, version } = parseForm(EditNoticeSchema, { noticeId: form.get("noticeId") ?? undefined, version: form.get("version") ?? undefined });
    const input = parseForm(NoticeDraftSchema, draftFields(form));
    const { viewer, request } = await context();
    await updateNoticeDraft(viewer, noticeId, input, request, version);
    revalidateNotice(noticeId);
    return { noticeId };
  });
  if (result.ok) redirect(`${NOTICES}/${result.data.noticeId}`);
  return result;
}

export async function sendNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const input = parseForm(SendNoticeSchema, withoutApprovalFields(form));
    const { viewer, request } = await context();
    // The two-person rule (lib/approvals): a covered send is filed for another maintainer instead.
    if (await fileIfCovered(viewer, "notice.send", input, form.get("approvalReason"), request)) {
      revalidateNotice(input.noticeId);
      return { noticeId: input.noticeId, filed: true, emails: null };
    }
    const sent = await sendNotice(viewer, input, request);
    revalidateNotice(input.noticeId);
    return { noticeId: input.noticeId, filed: false, emails: sent.queuing ? null : sent.emails };
  });
  if (result.ok && result.data.filed) return { ok: true, data: undefined, message: FILED_MESSAGE };
  // The page turns into the embargoed notice: it says what was sent (a large send is still queuing its emails).
  if (result.ok) redirect(`${NOTICES}/${result.data.noticeId}?sent=1${result.data.emails === null ? "" : `&emails=${result.data.emails}`}`);
  return result;
}

export async function changeDisclosureDateAction(_prev: ActionResult<{ revision: number; warnings: string[] }> | null, form: FormData): Result<{ revision: number; warnings: string[] }> {
  return runAction(async () => {
    const input = parseForm(ChangeDateSchema, withoutApprovalFields(form));
    const { viewer, request } = await context();
    const params = { ...input, disclosureAt: input.disclosureAt.toISOString(), reporterReason: input.reporterReason ?? null };
    if (await fileIfCovered(viewer, "notice.change-date", params, form.get("approvalReason"), request)) {
      revalidateNotice(input.noticeId);
      return { revision: 0, warnings: [], filed: true };
    }
    const outcome = await changeDisclosureDate(viewer, input, request);
    revalidateNotice(input.noticeId);
    return { ...outcome, filed: false };
  }).then((r) => (r.ok ? { ok: true, data: { revision: r.data.revision, warnings: r.data.warnings }, message: r.data.filed ? FILED_MESSAGE : "Disclosure time changed. The recipients are being told." } : r));
}

export async function endEmbargoAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const input = parseForm(EndEmbargoSchema, withoutApprovalFields(form));
    const { viewer, request } = await context();
    const params = { ...input, reporterReason: input.reporterReason ?? null };
    // Break-glass: an issue exploited in the wild cannot wait for a second maintainer; a written reason, recorded loudly.
    if (form.get("breakGlass") === "on") {
      await endEmbargoBreakGlass(viewer, params, form.get("breakGlassReason"), request);
      revalidateNotice(input.noticeId);
      return "The embargo has ended without a second maintainer (break-glass): every maintainer was emailed. The recipients are being told.";
    }
    if (await fileIfCovered(viewer, "notice.end-embargo", params, form.get("approvalReason"), request)) {
      revalidateNotice(input.noticeId);
      return FILED_MESSAGE;
    }
    await endEmbargoNow(viewer, input, request);
    revalidateNotice(input.noticeId);
    return "The embargo has ended. The recipients are being told.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}

export async function withdrawNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const input = parseForm(WithdrawSchema, withoutApprovalFields(form));
    const { viewer, request } = await context();
    if (await fileIfCovered(viewer, "notice.withdraw", { ...input, reporterReason: input.reporterReason ?? null }, form.get("approvalReason"), request)) {
      revalidateNotice(input.noticeId);
      return FILED_MESSAGE;
    }
    await withdrawNotice(viewer, input, request);
    revalidateNotice(input.noticeId);
    return "Notice withdrawn.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}

export async function remindSilentAction(_prev: ActionResult<{ organisations: number }> | null, form: FormData): Result<{ organisations: number }> {
  const result = await runAction(async () => {
    const { noticeId, recipientId } = parseForm(RemindSchema, form);
    const { viewer, request } = await context();
    const outcome = await remindSilent(viewer, { noticeId, recipientIds: recipientId ? [recipientId] : undefined }, request);
    revalidateNotice(noticeId);
    return outcome;
  });
  if (!result.ok) return result;
  const n = result.data.organisations;
  return { ...result, message: `Reminder queued for ${n} organisation${n === 1 ? "" : "s"}.` };
}

/** Saving the edit form of an embargoed notice: a numbered revision with its change note; recipients are told. */
export async function reviseNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const { noticeId, changeNote, version } = parseForm(ReviseNoticeSchema, { noticeId: form.get("noticeId") ?? undefined, changeNote: form.get("changeNote") ?? undefined, version: form.get("version") ?? undefined });
    const fields = parseForm(NoticeDraftSchema, draftFields(form));
    const { viewer, request } = await context();
    await reviseNotice(viewer, { noticeId, changeNote, fields, expectedUpdatedAt: version }, request);
    revalidateNotice(noticeId);
    return { noticeId };
  });
  if (result.ok) redirect(`${NOTICES}/${result.data.noticeId}`);
  return result;
}

export async function setChecklistItemAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const input = parseForm(ChecklistSchema, form);
    const { viewer, request } = await context();
    await setChecklistItem(viewer, input, request);
    revalidateNotice(input.noticeId);
    return undefined;
  }, "Checklist saved.");
}
