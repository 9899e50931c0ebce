"use server";
// The vendor portal's notice actions. Public endpoints: each parses its input with the domain's strict schema and goes
// through the vendor data layer, which finds the notice only through the viewer's own organisation (never an
// organisation taken from the form) and answers "not found" for everything else.
import { revalidatePath } from "next/cache";
import { mayEnter } from "@/lib/auth/policy";
import { parseForm, runAction } from "@/lib/server/action";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, type ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/server/viewer";
import { acceptNoticeTerms, acknowledgeNotice, updateRecipientStatus } from "./data";
import { NoticeIdSchema, RecipientUpdateSchema } from "./schemas";

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
