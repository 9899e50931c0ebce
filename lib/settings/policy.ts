// Project settings: maintainers (with their second factor) change them; everyone else never sees the form. What the
// settings say is public anyway once an advisory is published (publisher, project, packages).
import type { Viewer } from "@/lib/server/viewer-types";
import type { ProjectPackage } from "./schemas";

export function canManageSettings(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export type ProjectSettings = {
  name: string;
  slug: string;
  repositoryUrl: string | null;
  packages: ProjectPackage[];
  publisherName: string;
  publisherNamespace: string;
  osvPrefix: string;
  announceAddress: string | null;
  defaultDisclosureTime: string;
  defaultDisclosureZone: string;
  /** Colleagues an organisation admin invites wait for a maintainer's approval before they can sign in. */
  approveColleagues: boolean;
  /** The project's security contact (security.txt, the report page); null: the report page only. */
  securityAddress: string | null;
  /** ASCII-armored public key reports may be encrypted to in the browser; null: reports travel in clear (TLS). */
  reportPublicKey: string | null;
  /** Its fingerprint (upper-case hex), kept for display and the audit. */
  reportKeyFingerprint: string | null;
  /** A confirmed report should be acknowledged within this many hours. */
  acknowledgeTargetHours: number;
  /** False until a maintainer saved the settings once: the exports then use the defaults below. */
  saved: boolean;
};

/** What the exports use before anyone filled in the settings: valid, and plainly generic. */
export function defaultSettings(publicUrl: string): ProjectSettings {
  return {
    name: "Forewarn",
    slug: "forewarn",
    repositoryUrl: null,
    packages: [],
    publisherName: "Forewarn",
    publisherNamespace: publicUrl.startsWith("https://") ? publicUrl : "https://forewarn.invalid",
    osvPrefix: "x_forewarn",
    announceAddress: null,
    defaultDisclosureTime: "14:00",
    defaultDisclosureZone: "UTC",
    approveColleagues: true,
    securityAddress: null,
    reportPublicKey: null,
    reportKeyFingerprint: null,
    acknowledgeTargetHours: 48,
    saved: false,
  };
}
