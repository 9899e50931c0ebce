"use server";
// Uploading a notice's files (maintainers). The form posts the file itself; limits and content checks
// are in ../uploads.ts, authorization in the data layer.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/server/errors";
import { ValidationError } from "@/lib/server/errors";
import { parseForm, runAction } from "@/lib/server/action";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { approvalNeeded } from "@/lib/approvals/data";
import { addAttachment, removeAttachment, setAttachmentPublic } from "./data";
import { AttachmentPublicSchema, AttachmentRefSchema } from "./schemas";
import { MAX_ATTACHMENT_BYTES } from "./uploads";

const id = z.string().trim().min(1).max(64);

export async function addAttachmentAction(_prev: ActionResult<{ sha256: string }> | null, form: FormData): Promise<ActionResult<{ sha256: string }>> {
  return runAction(async () => {
    const noticeId = parseForm(z.object({ noticeId: id }), { noticeId: form.get("noticeId") }).noticeId;
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError("Choose a file to attach.", { file: ["Choose a file."] });
    if (file.size > MAX_ATTACHMENT_BYTES) throw new ValidationError(`The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, { file: ["Too large."] });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const viewer = await getViewer();
    // Publishing a file with the advisory may need a second maintainer (the two-person rule): then the file is attached
    // unpublished, and its "Ask for approval to publish" button files the request.
    const wantsPublic = form.get("public") === "on";
    const held = wantsPublic && (await approvalNeeded(viewer, "notice.publish-attachment"));
    const added = await addAttachment(viewer, { noticeId, filename: file.name, bytes, public: wantsPublic && !held }, await getRequestInfo());
    revalidatePath(`/maintainer/notices/${noticeId}`);
    return { sha256: added.sha256, held };
  }).then((r) =>
    r.ok ? { ok: true as const, data: { sha256: r.data.sha256 }, message: r.data.held ? "File attached, not published: publishing it with the advisory needs a second maintainer's approval. Ask for it with the file's “Ask for approval to publish” button." : "File attached." } : r,
  );
}

export async function setAttachmentPublicAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(AttachmentPublicSchema, Object.fromEntries([...form.entries()].filter(([k]) => k !== "approvalReason" && !k.startsWith("$ACTION"))));
    const viewer = await getViewer();
    const request = await getRequestInfo();
    revalidatePath(`/maintainer/notices/${input.noticeId}`);
    // Publishing (not withdrawing) a file with the advisory is covered by the two-person rule when Settings say so.
    if (input.public && (await fileIfCovered(viewer, "notice.publish-attachment", input, form.get("approvalReason"), request))) return FILED_MESSAGE;
    await setAttachmentPublic(viewer, input, request);
    return "Saved.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}

export async function removeAttachmentAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(AttachmentRefSchema, form);
    await removeAttachment(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/maintainer/notices/${input.noticeId}`);
    return undefined;
  }, "File removed.");
}
