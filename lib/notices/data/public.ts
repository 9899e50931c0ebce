import "server-only";
// The public advisory: a disclosed notice as anyone may read it — never a draft, an embargoed or a withdrawn one —
// with its public files and the reporter's credit unless they opted out. Nothing about recipients.
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";

const PUBLIC_SELECT = {
  id: true,
  reference: true,
  title: true,
  summary: true,
  description: true,
  remediation: true,
  detection: true,
  mitigation: true,
  workaround: true,
  affectedPackages: true,
  references: true,
  affectedVersions: true,
  fixedVersions: true,
  cveIds: true,
  relatedCveIds: true,
  cwe: true,
  cvssVector: true,
  cvssScore: true,
  severity: true,
  reporterCredit: true,
  reporterOptOut: true,
  disclosedAt: true,
  revision: true,
  attachments: { where: { public: true }, orderBy: { createdAt: "asc" }, select: { id: true, filename: true, size: true, sha256: true } },
} as const;

export async function getPublicAdvisory(noticeId: string) {
  const advisory = await getDb().notice.findFirst({ where: { id: noticeId, state: "DISCLOSED" }, select: PUBLIC_SELECT });
  if (!advisory) throw new NotFoundError();
  const { reporterCredit, reporterOptOut, ...rest } = advisory;
  return { ...rest, reporterCredit: reporterOptOut ? null : reporterCredit };
}
