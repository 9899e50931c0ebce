"use server";
// Messages of a notice's private thread. A vendor's organisation is always the viewer's own; a maintainer names the
// recipient row, checked against the notice in the data layer.
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/server/errors";
import { parseForm, runAction } from "@/lib/server/action";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { postMaintainerMessage, postVendorMessage } from "./data";
import { MaintainerMessageSchema, MessageSchema } from "./schemas";

export async function postVendorMessageAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(MessageSchema, form);
    await postVendorMessage(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/vendor/notices/${input.noticeId}`);
    return undefined;
  }, "Message sent. The maintainers are told by email.");
}

export async function postMaintainerMessageAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(MaintainerMessageSchema, form);
    await postMaintainerMessage(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/maintainer/notices/${input.noticeId}/tracking`);
    return undefined;
  }, "Message sent. The organisation is told by email.");
}
