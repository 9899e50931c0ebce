"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { endMySession } from "./data";

const EndSessionSchema = z.object({ sessionId: z.string().min(1).max(64) }).strict();

export async function endSessionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { sessionId } = parseForm(EndSessionSchema, { sessionId: form.get("sessionId") });
    await endMySession(await getViewer(), sessionId, await getRequestInfo());
    revalidatePath("/account");
    return undefined;
  }, "Session ended.");
}
