"use server";
import { redirect } from "next/navigation";
import { parseForm, runAction } from "@/lib/server/action";
import { getConfig } from "@/lib/server/config";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { confirmEnrolment, regenerateRecoveryCodes, redeemRecoveryCode, verifyTotp } from "./data";
import { RecoveryCodeSchema, TotpCodeSchema } from "./schemas";

function nextPath(form: FormData): string {
  const next = form.get("next");
  return safeCallbackPath(typeof next === "string" ? next : null, getConfig().publicUrl);
}

export async function confirmEnrolmentAction(_prev: ActionResult<string[]> | null, form: FormData): Promise<ActionResult<string[]>> {
  return runAction(async () => {
    const { code } = parseForm(TotpCodeSchema, { code: form.get("code") });
    return confirmEnrolment(await getViewer(), code, await getRequestInfo());
  });
}

export async function verifyTotpAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { code } = parseForm(TotpCodeSchema, { code: form.get("code") });
    await verifyTotp(await getViewer(), code, await getRequestInfo());
    return undefined;
  });
  if (result.ok) redirect(nextPath(form));
  return result;
}

export async function redeemRecoveryCodeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { recoveryCode } = parseForm(RecoveryCodeSchema, { recoveryCode: form.get("recoveryCode") });
    await redeemRecoveryCode(await getViewer(), recoveryCode, await getRequestInfo());
    return undefined;
  });
  if (result.ok) redirect(nextPath(form));
  return result;
}

export async function regenerateRecoveryCodesAction(_prev: ActionResult<string[]> | null): Promise<ActionResult<string[]>> {
  return runAction(async () => regenerateRecoveryCodes(await getViewer(), await getRequestInfo()));
}
