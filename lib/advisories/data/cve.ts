import "server-only";
// The CVE JSON 5 CNA container of a disclosed notice (./formats/cve.ts), for the maintainers of a project that is a
// CVE Numbering Authority to submit through their own tooling; Forewarn never publishes it. Maintainers only (with
// their second factor): anyone else gets the same "not found" as for a notice that does not exist. A maintainer asking
// for a notice that has no record yet (draft, embargoed, withdrawn, no CVE ID) is told why. Every download is audited.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { cveIdsOf } from "@/lib/notices/cve-ids";
import { actor, manager } from "@/lib/notices/data/shared";
import { cveIdOf, toCveCnaContainer, type CveCnaContainer } from "../formats/cve";
import { cveExportRefusal } from "../policy";
import { toAdvisoryRecord } from "../record";
import { EXPORT_SELECT, getProjectInfo } from "../source";

export async function getCveCnaContainer(viewer: Viewer, noticeId: string, request: RequestInfo): Promise<{ cveId: string; reference: string; container: CveCnaContainer }> {
  const maintainer = manager(viewer);
  const notice = await getDb().notice.findFirst({ where: { id: noticeId.slice(0, 64) }, select: EXPORT_SELECT });
  if (!notice) throw new NotFoundError();
  const alias = cveIdsOf(notice).alias;
  const refusal = cveExportRefusal({ state: notice.state, reference: notice.reference, cveId: alias });
  if (refusal) throw new ConflictError(refusal);
  const advisory = toAdvisoryRecord(notice);
  const cveId = cveIdOf(advisory);
  if (!cveId) throw new ConflictError(cveExportRefusal({ state: notice.state, reference: notice.reference, cveId: null })!);
  const container = toCveCnaContainer(await getProjectInfo(), advisory);
  // The record is public information by now; the event says who took it, never its text.
  await recordAudit({ actor: actor(maintainer), action: "notice.cve-record-downloaded", target: { type: "notice", id: notice.id }, ip: request.ip, details: { reference: notice.reference, cveId } });
  return { cveId, reference: notice.reference, container };
}
