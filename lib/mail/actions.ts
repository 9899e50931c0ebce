"use server";
// The deliveries page's one action. A public endpoint: it parses its input and goes through the data layer, which
// checks the viewer (maintainer with second factor) and the send, and records the retry in the audit log.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { retryFailedEmails } from "./data";
import { RetryFailedEmailsSchema } from "./schemas";

export async function retryFailedEmailsAction(_prev: ActionResult<{ retried: number; notEntitled: number }> | null, form: FormData): Promise<ActionResult<{ retried: number; notEntitled: number }>> {
  const result = await runAction(async () => {
    const { dispatchId } = parseForm(RetryFailedEmailsSchema, form);
    const outcome = await retryFailedEmails(await getViewer(), dispatchId, await getRequestInfo());
    revalidatePath(`/maintainer/deliveries/${dispatchId}`);
    revalidatePath("/maintainer/deliveries");
    return outcome;
  });
  if (!result.ok) return result;
  const { retried: n, notEntitled } = result.data;
  const left = notEntitled ? ` ${notEntitled} not retried: their recipients may no longer receive it (suspended, removed, or the notice withdrawn).` : "";
  return { ...result, message: `${n} failed email${n === 1 ? "" : "s"} queued again.${left}` };
}
