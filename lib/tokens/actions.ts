"use server";
// A vendor member's own API tokens and calendar feed. Public endpoints: each parses its input with a strict schema,
// refuses anyone who may not enter the vendor area now, and lets the data layer find the token through its owner (a
// token id of someone else's is "not found"). Secrets are returned once, in the action's result, and never logged.
import { revalidatePath } from "next/cache";
import { mayEnter } from "@/lib/auth/policy";
import { parseForm, runAction } from "@/lib/server/action";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, type ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { createApiToken, deleteCalendarFeed, revokeApiToken, rotateCalendarFeed } from "./data";
import { ApiTokenIdSchema, CalendarFeedSchema, CreateApiTokenSchema } from "./schemas";

const PAGE = "/vendor/integrations";

async function context() {
  const viewer = await getViewer();
  // The page sends a vendor who still owes the second factor to it; a direct POST must not be the way around that.
  if (!mayEnter(viewer, "vendor", getConfig().requireVendorTotp)) throw new NotFoundError();
  return { viewer, request: await getRequestInfo() };
}

export type NewApiToken = { label: string; secret: string; expiresAt: string };

export async function createApiTokenAction(_prev: ActionResult<NewApiToken> | null, form: FormData): Promise<ActionResult<NewApiToken>> {
  return runAction(async () => {
    const input = parseForm(CreateApiTokenSchema, form);
    const { viewer, request } = await context();
    const token = await createApiToken(viewer, input, request);
    revalidatePath(PAGE);
    return { label: token.label, secret: token.secret, expiresAt: token.expiresAt.toISOString() };
  }, "Token created.");
}

export async function revokeApiTokenAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const { tokenId } = parseForm(ApiTokenIdSchema, form);
    const { viewer, request } = await context();
    await revokeApiToken(viewer, tokenId, request);
    revalidatePath(PAGE);
    return undefined;
  }, "Token revoked.");
}

export async function rotateCalendarFeedAction(_prev: ActionResult<{ url: string }> | null, form: FormData): Promise<ActionResult<{ url: string }>> {
  return runAction(async () => {
    parseForm(CalendarFeedSchema, form);
    const { viewer, request } = await context();
    const feed = await rotateCalendarFeed(viewer, request);
    revalidatePath(PAGE);
    return feed;
  }, "New calendar address made. The previous one no longer works.");
}

export async function deleteCalendarFeedAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    parseForm(CalendarFeedSchema, form);
    const { viewer, request } = await context();
    await deleteCalendarFeed(viewer, request);
    revalidatePath(PAGE);
    return undefined;
  }, "Calendar feed turned off.");
}
