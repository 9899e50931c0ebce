"use server";
// The maintainers' intake queue: thin actions, each parsing its strict schema and calling the reports data layer
// (which answers "not found" to anyone but a maintainer who passed the second factor).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/server/errors";
import { parseForm, runAction } from "@/lib/server/action";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { acknowledgeReport, createReportByHand, declineReport, markReportDuplicate, markReportFixed, replyToReport } from "./data";
import { acceptReportIntoDraft } from "./queue-accept-actions";
import { AcknowledgeReportSchema, DeclineReportSchema, DuplicateReportSchema, HandReportSchema, ReplyToReportSchema, ReportIdSchema } from "./queue-schemas";

type Result = ActionResult<undefined>;

const page = (reportId: string) => `/maintainer/reports/${reportId}`;
function refresh(reportId: string): void {
  revalidatePath(page(reportId));
  revalidatePath("/maintainer/reports");
  revalidatePath("/maintainer");
}

export async function acknowledgeReportAction(_prev: Result | null, form: FormData): Promise<Result> {
  return runAction(async () => {
    const input = parseForm(AcknowledgeReportSchema, form);
    await acknowledgeReport(await getViewer(), input, await getRequestInfo());
    refresh(input.reportId);
    return undefined;
  }, "Acknowledged. The reporter is emailed your message.");
}

export async function replyToReportAction(_prev: Result | null, form: FormData): Promise<Result> {
  return runAction(async () => {
    const input = parseForm(ReplyToReportSchema, form);
    await replyToReport(await getViewer(), input, await getRequestInfo());
    refresh(input.reportId);
    return undefined;
  }, "Message sent. The reporter is told by email.");
}

export async function acceptReportAction(_prev: ActionResult<{ noticeId: string; reference: string }> | null, form: FormData): Promise<ActionResult<{ noticeId: string; reference: string }>> {
  return runAction(async () => {
    const input = parseForm(ReportIdSchema, form);
    const notice = await acceptReportIntoDraft(await getViewer(), input.reportId, await getRequestInfo());
    refresh(input.reportId);
    revalidatePath("/maintainer/notices");
    return { noticeId: notice.id, reference: notice.reference };
  }, "Accepted. A draft notice was created from the report, and the reporter is told.");
}

export async function declineReportAction(_prev: Result | null, form: FormData): Promise<Result> {
  return runAction(async () => {
    const input = parseForm(DeclineReportSchema, form);
    await declineReport(await getViewer(), input, await getRequestInfo());
    refresh(input.reportId);
    return undefined;
  }, "Declined. The reporter is emailed your reason.");
}

export async function markReportDuplicateAction(_prev: Result | null, form: FormData): Promise<Result> {
  return runAction(async () => {
    const input = parseForm(DuplicateReportSchema, form);
    await markReportDuplicate(await getViewer(), input, await getRequestInfo());
    refresh(input.reportId);
    return undefined;
  }, "Marked as a duplicate. The reporter is emailed your reason and the original's reference.");
}

export async function markReportFixedAction(_prev: Result | null, form: FormData): Promise<Result> {
  return runAction(async () => {
    const input = parseForm(ReportIdSchema, form);
    await markReportFixed(await getViewer(), input, await getRequestInfo());
    refresh(input.reportId);
    return undefined;
  }, "Marked as fixed. The reporter is told.");
}

export async function createReportByHandAction(_prev: Result | null, form: FormData): Promise<Result> {
  const result = await runAction(async () => {
    const input = parseForm(HandReportSchema, form);
    return createReportByHand(await getViewer(), input, await getRequestInfo());
  });
  if (!result.ok) return result;
  revalidatePath("/maintainer/reports");
  redirect(`${page(result.data.id)}?entered=${result.data.linkedExisting ? "linked" : "new"}`);
}
