"use server";
// The OpenPGP key section of Settings (maintainers with their second factor; the data layer decides who may).
import { revalidatePath } from "next/cache";
import { parseForm, runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { formatFingerprint } from "@/lib/server/pgp-keys";
import { generateKeyForProject, importKeyForProject, revokeProjectKey } from "./data";
import { GenerateKeySchema, ImportKeySchema, RevokeKeySchema } from "./schemas";

const PAGE = "/maintainer/settings/openpgp-key";

async function keyOperation<T>(operation: () => Promise<T>, message: (done: T) => string): Promise<ActionResult> {
  const result = await runAction(operation);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return { ok: true, data: undefined, message: message(result.data) };
}

export async function generateProjectKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return keyOperation(
    async () => generateKeyForProject(await getViewer(), parseForm(GenerateKeySchema, form), await getRequestInfo()),
    (key) => `New key ${formatFingerprint(key.fingerprint)} generated: it signs from now on.`,
  );
}

export async function importProjectKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return keyOperation(
    async () => importKeyForProject(await getViewer(), parseForm(ImportKeySchema, form), await getRequestInfo()),
    (key) => `Key ${formatFingerprint(key.fingerprint)} imported: it signs from now on.`,
  );
}

export async function revokeProjectKeyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return keyOperation(
    async () => revokeProjectKey(await getViewer(), parseForm(RevokeKeySchema, form), await getRequestInfo()),
    (r) => (r.wasActive ? "Key revoked. Nothing is sent until a new key is generated or imported." : "Key revoked; its revocation is published."),
  );
}
