"use server";
// Directory server actions: public endpoints, so each one parses its input and goes through the data layer, which
// checks the viewer (maintainer with second factor) and the object.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { FILED_MESSAGE, fileIfCovered } from "@/lib/composition/approval-handlers";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import type { ImportPlan } from "./data";
import {
  applyDirectoryImport,
  approveColleague,
  declineColleague,
  setMemberAdmin,
  createOrganisation,
  inviteMaintainer,
  inviteMember,
  inviteUninvited,
  previewDirectoryImport,
  removeMaintainer,
  removeOrganisationKey,
  resendInvitation,
  setMemberStatus,
  setOrganisationKey,
  setOrganisationStatus,
  updateOrganisation,
} from "./data";
import {
  ImportConfirmSchema,
  ImportSchema,
  InviteUninvitedSchema,
  InviteMaintainerSchema,
  InviteMemberSchema,
  MemberAdminSchema,
  MemberRefSchema,
  MemberStatusSchema,
  OrganisationInputSchema,
  OrganisationKeySchema,
  OrganisationStatusSchema,
  RemoveKeySchema,
  UpdateOrganisationSchema,
} from "./schemas";

type Result<T = undefined> = Promise<ActionResult<T>>;
const DIRECTORY = "/maintainer/directory";

async function context() {
  return { viewer: await getViewer(), request: await getRequestInfo() };
}

export async function createOrganisationAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const input = parseForm(OrganisationInputSchema, form);
    const { viewer, request } = await context();
    return createOrganisation(viewer, input, request);
  });
  if (result.ok) redirect(`${DIRECTORY}/${result.data.id}`);
  return result;
}

export async function updateOrganisationAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { organisationId, ...input } = parseForm(UpdateOrganisationSchema, form);
    const { viewer, request } = await context();
    await updateOrganisation(viewer, organisationId, input, request);
    revalidatePath(`${DIRECTORY}/${organisationId}`);
    return undefined;
  }, "Saved.");
}

export async function setOrganisationStatusAction(_prev: ActionResult<{ sessionsEnded: number }> | null, form: FormData): Result<{ sessionsEnded: number }> {
  return runAction(async () => {
    const { organisationId, status } = parseForm(OrganisationStatusSchema, form);
    const { viewer, request } = await context();
    const result = await setOrganisationStatus(viewer, organisationId, status, request);
    // Also activated in place from the directory list and a draft's send panel: their counts change too.
    revalidatePath("/maintainer", "layout");
    return result;
  }, "Status changed.");
}

export async function setOrganisationKeyAction(_prev: ActionResult<{ fingerprint: string }> | null, form: FormData): Result<{ fingerprint: string }> {
  return runAction(async () => {
    const { organisationId, publicKey } = parseForm(OrganisationKeySchema, form);
    const { viewer, request } = await context();
    const key = await setOrganisationKey(viewer, organisationId, publicKey, request);
    revalidatePath(`${DIRECTORY}/${organisationId}`);
    return { fingerprint: key.fingerprint };
  }, "Key saved.");
}

export async function removeOrganisationKeyAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { organisationId } = parseForm(RemoveKeySchema, form);
    const { viewer, request } = await context();
    await removeOrganisationKey(viewer, organisationId, request);
    revalidatePath(`${DIRECTORY}/${organisationId}`);
    return undefined;
  }, "Key removed.");
}

export async function inviteMemberAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const input = parseForm(InviteMemberSchema, form);
    const { viewer, request } = await context();
    await inviteMember(viewer, input, request);
    revalidatePath(`${DIRECTORY}/${input.organisationId}`);
    return undefined;
  }, "Invitation sent.");
}

export async function resendInvitationAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { userId } = parseForm(MemberRefSchema, form);
    const { viewer, request } = await context();
    await resendInvitation(viewer, userId, request);
    return undefined;
  }, "Invitation sent again.");
}

export async function setMemberStatusAction(_prev: ActionResult<{ sessionsEnded: number }> | null, form: FormData): Result<{ sessionsEnded: number }> {
  return runAction(async () => {
    const { userId, status } = parseForm(MemberStatusSchema, form);
    const { viewer, request } = await context();
    const result = await setMemberStatus(viewer, userId, status, request);
    revalidatePath(DIRECTORY, "layout");
    return result;
  }, "Status changed.");
}

export async function setMemberAdminAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { userId, admin } = parseForm(MemberAdminSchema, form);
    const { viewer, request } = await context();
    await setMemberAdmin(viewer, userId, admin, request);
    revalidatePath(DIRECTORY, "layout");
    return undefined;
  }, admin(form) ? "Now an admin of the organisation." : "No longer an admin.");
}

function admin(form: FormData): boolean {
  return form.get("admin") === "true";
}

export async function approveColleagueAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { userId } = parseForm(MemberRefSchema, form);
    const { viewer, request } = await context();
    await approveColleague(viewer, userId, request);
    revalidatePath("/maintainer");
    revalidatePath(DIRECTORY, "layout");
    return undefined;
  }, "Approved: the invitation is on its way.");
}

export async function declineColleagueAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { userId } = parseForm(MemberRefSchema, form);
    const { viewer, request } = await context();
    await declineColleague(viewer, userId, request);
    revalidatePath("/maintainer");
    revalidatePath(DIRECTORY, "layout");
    return undefined;
  }, "Declined: they were removed and were never emailed.");
}

export async function inviteMaintainerAction(_prev: ActionResult | null, form: FormData): Result {
  const result = await runAction(async () => {
    const input = parseForm(InviteMaintainerSchema, Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION") && k !== "approvalReason")));
    const { viewer, request } = await context();
    // A new maintainer could approve requests: covered by the two-person rule whenever it covers anything.
    if (await fileIfCovered(viewer, "directory.invite-maintainer", input, form.get("approvalReason"), request)) return FILED_MESSAGE;
    await inviteMaintainer(viewer, input, request);
    revalidatePath("/maintainer/maintainers");
    return "Invitation sent.";
  });
  return result.ok ? { ok: true, data: undefined, message: result.data } : result;
}

export async function removeMaintainerAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { userId } = parseForm(MemberRefSchema, { userId: form.get("userId") ?? undefined });
    const { viewer, request } = await context();
    revalidatePath("/maintainer/maintainers");
    // The two-person rule (lib/approvals): a covered removal is filed for another maintainer instead.
    if (await fileIfCovered(viewer, "directory.remove-maintainer", { userId }, form.get("approvalReason"), request)) return FILED_MESSAGE;
    await removeMaintainer(viewer, userId, request);
    return "Maintainer removed.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}

/**
 * Asks for the directory export while the two-person rule covers it: files the request (with why); once another
 * maintainer approves, the requester downloads it from the request's page. Not covered: nothing to file.
 */
export async function requestDirectoryExportAction(_prev: ActionResult | null, form: FormData): Result {
  return runAction(async () => {
    const { viewer, request } = await context();
    const filed = await fileIfCovered(viewer, "directory.export", {}, form.get("approvalReason"), request);
    revalidatePath("/maintainer/directory");
    return filed ? `${FILED_MESSAGE} Once approved, download the export from the request's page (Approvals).` : "The export does not need approval now: use Export CSV.";
  }).then((r) => (r.ok ? { ok: true as const, data: undefined, message: r.data } : r));
}

async function importText(form: FormData): Promise<string> {
  const file = form.get("file");
  const pasted = form.get("csv");
  return file instanceof File && file.size > 0 ? await file.text() : typeof pasted === "string" ? pasted : "";
}

export type ImportState = ActionResult<ImportPlan & { csv: string; applied: boolean; invited: number }> | null;

/** Preview (intent=preview) or confirm (intent=apply, with the preview's token and the "invite" box). */
export async function importDirectoryAction(_prev: ImportState, form: FormData): Promise<NonNullable<ImportState>> {
  return runAction(async () => {
    const text = await importText(form);
    const { viewer, request } = await context();
    if (form.get("intent") === "apply") {
      const boxes = Object.fromEntries((["invite", "different"] as const).filter((box) => form.get(box)).map((box) => [box, form.get(box)]));
      const { csv, token, invite, different } = parseForm(ImportConfirmSchema, { csv: text, token: form.get("token") ?? "", ...boxes });
      const summary = await applyDirectoryImport(viewer, csv, { token, invite: invite === "on", different: different === "on" }, request);
      revalidatePath(DIRECTORY, "layout");
      return { ...summary, csv, applied: true };
    }
    const { csv } = parseForm(ImportSchema, { csv: text });
    return { ...(await previewDirectoryImport(viewer, csv)), csv, applied: false, invited: 0 };
  });
}

/** "Invite everyone not yet invited" (one organisation, or the whole directory without organisationId). */
export async function inviteUninvitedAction(_prev: ActionResult<{ invited: number }> | null, form: FormData): Result<{ invited: number }> {
  const result = await runAction(async () => {
    const { organisationId, expected } = parseForm(InviteUninvitedSchema, form);
    const { viewer, request } = await context();
    const done = await inviteUninvited(viewer, { organisationId: organisationId ?? null, expected }, request);
    revalidatePath(organisationId ? `${DIRECTORY}/${organisationId}` : DIRECTORY);
    return done;
  });
  if (!result.ok) return result;
  const n = result.data.invited;
  return { ...result, message: n === 0 ? "Nobody was left to invite: everyone has had an invitation recently. Nothing was sent." : `Invitations queued for ${n} ${n === 1 ? "person" : "people"}.` };
}
