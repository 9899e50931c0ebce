"use server";
// Saving the project settings (maintainers). The data layer decides who may; the schema says what is valid.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { saveProjectSettings } from "./data";
import { ProjectSettingsSchema } from "./schemas";

export async function saveProjectSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const raw = Object.fromEntries([...form.entries()].filter(([k, v]) => !k.startsWith("$ACTION") && k !== "approvalReason" && typeof v === "string")) as Record<string, string>;
    const input = parseForm(ProjectSettingsSchema, raw);
    const viewer = await getViewer();
    const request = await getRequestInfo();
    revalidatePath("/maintainer/settings");
    // The two-person rule (lib/approvals): the form as posted is what runs once approved.
    if (await fileIfCovered(viewer, "settings.update", raw, form.get("approvalReason"), request)) return FILED_MESSAGE;
    await saveProjectSettings(viewer, input, request);
    return "Settings saved.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}
