import "server-only";
// The owner behind an API token or a calendar feed, and the vendor Viewer they act as: the same shape getViewer()
// gives a session, so every notice read goes through the same scopes (lib/notices/policy.ts).
import type { Prisma } from "@/generated/prisma/client";
import type { VendorViewer } from "@/lib/server/viewer-types";
import { getConfig } from "@/lib/server/config";
import { credentialRefusal, type CredentialRefusal } from "../policy";

export const OWNER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  totpEnabledAt: true,
  membership: { select: { isAdmin: true, organisation: { select: { id: true, name: true, status: true } } } },
} as const;

type Owner = Prisma.UserGetPayload<{ select: typeof OWNER_SELECT }>;

/**
 * The Viewer a credential acts as, or why it may not act now. `credentialId` names the credential in the viewer's
 * sessionId, so nothing can mistake it for a browser session ("this browser").
 */
export function actingViewer(
  owner: Owner,
  credential: { id: string; kind: "api-token" | "calendar-feed"; revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): { viewer: VendorViewer } | { refusal: CredentialRefusal } {
  const org = owner.membership?.organisation ?? null;
  const refusal = credentialRefusal(
    {
      revokedAt: credential.revokedAt,
      expiresAt: credential.expiresAt,
      role: owner.role,
      userStatus: owner.status,
      organisationStatus: org?.status ?? null,
      lacksRequiredSecondFactor: getConfig().requireVendorTotp && owner.totpEnabledAt === null,
    },
    now,
  );
  if (refusal || !org) return { refusal: refusal ?? "inactive" };
  return {
    viewer: {
      kind: "vendor",
      userId: owner.id,
      email: owner.email,
      name: owner.name,
      sessionId: `${credential.kind}:${credential.id}`,
      // Credentials are made in the vendor area, which required the second factor where it applies; each is its own
      // credential, like a session that passed it.
      secondFactor: true,
      totpEnrolled: owner.totpEnabledAt !== null,
      organisationId: org.id,
      organisationName: org.name,
      orgAdmin: owner.membership?.isAdmin === true,
    },
  };
}
