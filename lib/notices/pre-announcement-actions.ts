"use server";
// The public pre-announcement of an embargoed notice: a separate, explicit maintainer action after a preview. A
// public endpoint like every server action: the schema parses the input and the data layer checks the viewer. When
// the two-person rule covers it (Settings), the request is filed with the previewed words and another maintainer's
// approval publishes exactly those.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { publishPreAnnouncement } from "./data/pre-announcement";
import { PreAnnounceSchema } from "./schemas";

export async function preAnnounceNoticeAction(_prev: ActionResult<{ slug: string | null }> | null, form: FormData): Promise<ActionResult<{ slug: string | null }>> {
  const result = await runAction(async () => {
    const fields = Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION") && k !== "approvalReason"));
    const input = parseForm(PreAnnounceSchema, fields);
    const viewer = await getViewer();
    const request = await getRequestInfo();
    const params = { noticeId: input.noticeId, versionRange: input.versionRange, previewed: input.previewed };
    revalidatePath(`/maintainer/notices/${input.noticeId}`);
    if (await fileIfCovered(viewer, "notice.pre-announce", params, form.get("approvalReason"), request)) return { slug: null };
    const { slug } = await publishPreAnnouncement(viewer, params, request);
    revalidatePath("/advisories");
    return { slug };
  }, "Published: the pre-announcement is on the advisories page and in the feed.");
  if (result.ok && result.data.slug === null) return { ...result, message: FILED_MESSAGE };
  return result;
}
