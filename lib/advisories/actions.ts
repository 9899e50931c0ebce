"use server";
// Maintainers' actions on a notice's published forms: the announcement text before disclosure.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { saveAnnouncement } from "./data";
import { AnnouncementSchema } from "./schemas";

export async function saveAnnouncementAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(AnnouncementSchema, form);
    await saveAnnouncement(await getViewer(), { noticeId: input.noticeId, subject: input.subject, text: input.text, reset: input.intent === "reset" }, await getRequestInfo());
    revalidatePath(`/maintainer/notices/${input.noticeId}`);
    return undefined;
  }, "Announcement saved.");
}
