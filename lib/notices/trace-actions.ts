"use server";
// "Trace a leak" (maintainers with the second factor): the pasted text and/or the uploaded file go to the data layer,
// which decides who may trace and what the marks say. Nothing of the input is kept.
import type { ActionResult } from "@/lib/server/errors";
import { ValidationError } from "@/lib/server/errors";
import { runAction } from "@/lib/server/action";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { traceCopy, type TraceResult } from "./data";
import { MAX_ATTACHMENT_BYTES } from "./uploads";

/** What the page shows: the data layer's answer with times as ISO strings. */
export type TraceView = Omit<TraceResult, "findings"> & {
  findings: Array<Omit<TraceResult["findings"][number], "events"> & { events: Array<{ action: string; at: string; ip: string | null; actor: string | null }> }>;
};

export async function traceLeakAction(_prev: ActionResult<TraceView> | null, form: FormData): Promise<ActionResult<TraceView>> {
  return runAction(async () => {
    const rawText = form.get("text");
    const text = typeof rawText === "string" ? rawText : "";
    const upload = form.get("file");
    const file = upload instanceof File && upload.size > 0 ? upload : null;
    if (file && file.size > MAX_ATTACHMENT_BYTES) throw new ValidationError(`The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, { file: ["Too large."] });
    const input = { text, ...(file ? { file: { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } } : {}) };
    const result = await traceCopy(await getViewer(), input, await getRequestInfo());
    return { ...result, findings: result.findings.map((f) => ({ ...f, events: f.events.map((e) => ({ ...e, at: e.at.toISOString() })) })) };
  });
}
