"use server";
// The vendor portal's notice actions. Public endpoints: each parses its input with the domain's strict schema and goes
// through the vendor data layer, which finds the notice only through the viewer's own organisation (never an
// organisation taken from the form) and answers "not found" for everything else.
import { revalidatePath } from "next/cache";
import { mayEnter } from "@/lib/auth/policy";
import { parseForm, runAction } from "@/lib/server/action";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, type ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { acceptNoticeTerms, acknowledgeNotice, setNoticeAudience, updateRecipientStatus } from "./data";
import { NoticeAudienceSchema, NoticeIdSchema, RecipientUpdateSchema } from "./schemas";

type Result = Promise<ActionResult>;

async function context() {
  const viewer = await getViewer();
  // The pages send a vendor who still owes the second factor to it; a direct POST must not be the way around that.
  if (!mayEnter(viewer, "vendor", getConfig().requireVendorTotp)) throw new NotFoundError();
  return { viewer, request: await getRequestInfo() };
}

function revalidateNotice(noticeId: string) {
  revalidatePath(`/vendor/notices/${encodeURIComponent(noticeId)}`);
  revalidatePath("/vendor");
}

export async function acceptNoticeTermsAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { noticeId } = parseForm(NoticeIdSchema, form);
    const { viewer, request } = await context();
    await acceptNoticeTerms(viewer, noticeId, request);
    revalidateNotice(noticeId);
    return undefined;
  }, "Terms accepted.");
}

export async function acknowledgeNoticeAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { noticeId } = parseForm(NoticeIdSchema, form);
    const { viewer, request } = await context();
    await acknowledgeNotice(viewer, noticeId, request);
    revalidateNotice(noticeId);
    return undefined;
  }, "Acknowledged.");
}

export async function updateRecipientStatusAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const input = parseForm(RecipientUpdateSchema, form);
    const { viewer, request } = await context();
    await updateRecipientStatus(viewer, input, request);
    revalidateNotice(input.noticeId);
    return undefined;
  }, "Saved.");
}

/** An organisation admin's need-to-know choice: the checkboxes arrive as repeated "members" fields. */
export async function setNoticeAudienceAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const fields = Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION") && k !== "members"));
    const input = parseForm(NoticeAudienceSchema, { ...fields, members: form.getAll("members") });
    const { viewer, request } = await context();
    const { restricted } = await setNoticeAudience(viewer, input, request);
    revalidateNotice(input.noticeId);
    return restricted;
  });
  if (!result.ok) return result;
  const message = result.data ? "Saved: only the people ticked and your organisation's admins see this notice from now on." : "Saved: everyone in your organisation sees this notice.";
  return { ok: true, data: undefined, message };
}
