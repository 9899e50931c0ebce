"use server";
// The public pre-announcement of an embargoed notice: a separate, explicit maintainer action after a preview. A
// public endpoint like every server action: the schema parses the input and the data layer checks the viewer.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { publishPreAnnouncement } from "./data/pre-announcement";
import { PreAnnounceSchema } from "./schemas";

export async function preAnnounceNoticeAction(_prev: ActionResult<{ slug: string }> | null, form: FormData): Promise<ActionResult<{ slug: string }>> {
  return runAction(async () => {
    const input = parseForm(PreAnnounceSchema, form);
    const { slug } = await publishPreAnnouncement(await getViewer(), input, await getRequestInfo());
    revalidatePath(`/maintainer/notices/${input.noticeId}`);
    revalidatePath("/advisories");
    return { slug };
  }, "Published: the pre-announcement is on the advisories page and in the feed.");
}
