"use server";
// Saving the project settings (maintainers). The data layer decides who may; the schema says what is valid.
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { saveProjectSettings } from "./data";
import { ProjectSettingsSchema } from "./schemas";

export async function saveProjectSettingsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(ProjectSettingsSchema, form);
    await saveProjectSettings(await getViewer(), input, await getRequestInfo());
    revalidatePath("/maintainer/settings");
    return undefined;
  }, "Settings saved.");
}
