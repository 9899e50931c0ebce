"use server";
// The reporter's own actions on their report: write to the security team, change how they are credited. The report
// is always looked up within the viewer's own reports (lib/reports/data/portal.ts); nothing else is taken from input.
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/server/errors";
import { parseForm, runAction } from "@/lib/server/action";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { changeReportCredit, postReporterMessage } from "./data";
import { ReportCreditSchema, ReporterMessageSchema } from "./portal-schemas";

export async function postReporterMessageAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(ReporterMessageSchema, form);
    await postReporterMessage(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/reporter/reports/${input.reportId}`);
    return undefined;
  }, "Message sent. The security team is told by email.");
}

export async function changeReportCreditAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(ReportCreditSchema, form);
    await changeReportCredit(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/reporter/reports/${input.reportId}`);
    return undefined;
  }, "Your credit is saved.");
}
