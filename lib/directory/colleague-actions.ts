"use server";
// An organisation admin's actions on their own organisation's people. Public endpoints: each parses its strict input
// (never an organisation: it is always the admin's own) and goes through the data layer, which reads again in its
// transaction whether the caller is an admin and whom they may reach; anyone else gets "not found".
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { inviteColleague, setColleagueStatus } from "./data/colleagues";
import { ColleagueStatusSchema, InviteColleagueSchema } from "./schemas";

const PAGE = "/vendor/organisation";

export async function inviteColleagueAction(_prev: ActionResult<{ pending: boolean }> | null, form: FormData): Promise<ActionResult<{ pending: boolean }>> {
  const result = await runAction(async () => {
    const input = parseForm(InviteColleagueSchema, form);
    const { status } = await inviteColleague(await getViewer(), input, await getRequestInfo());
    revalidatePath(PAGE);
    return { pending: status === "PENDING" };
  });
  if (!result.ok) return result;
  return { ...result, message: result.data.pending ? "Invited: a maintainer approves them first; they get the invitation email then." : "Invitation sent." };
}

export async function setColleagueStatusAction(_prev: ActionResult<{ sessionsEnded: number }> | null, form: FormData): Promise<ActionResult<{ sessionsEnded: number }>> {
  return runAction(async () => {
    const { userId, status } = parseForm(ColleagueStatusSchema, form);
    const result = await setColleagueStatus(await getViewer(), userId, status, await getRequestInfo());
    revalidatePath(PAGE);
    return result;
  }, "Done: they are signed out everywhere.");
}
