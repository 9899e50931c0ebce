"use server";
// The jobs page's one action. A public endpoint: it parses its input and goes through the data layer, which checks
// the viewer (maintainer with second factor) and the job.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { retryJob } from "./data";
import { RetryJobSchema } from "./schemas";

export async function retryJobAction(_prev: ActionResult<{ jobId: string }> | null, form: FormData): Promise<ActionResult<{ jobId: string }>> {
  return runAction(async () => {
    const input = parseForm(RetryJobSchema, form);
    const result = await retryJob(await getViewer(), input, await getRequestInfo());
    revalidatePath("/maintainer/jobs");
    return result;
  }, "Queued again.");
}
