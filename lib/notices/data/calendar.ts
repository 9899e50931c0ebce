import "server-only";
// The upcoming disclosures of the notices addressed to a vendor member's organisation, for their private calendar
// feed: reference, time and id only (the feed never carries a title or any other content). Through noticeScope like
// every vendor read, narrowed to notices still under embargo.
import { getDb } from "@/lib/server/db/client";
import type { Viewer } from "@/lib/server/viewer-types";
import type { NoticeRef } from "../mail";
import { noticeScope } from "../policy";
import { vendorOnly } from "./shared";

export async function listUpcomingDisclosures(viewer: Viewer): Promise<NoticeRef[]> {
  const scope = noticeScope(vendorOnly(viewer));
  if (!scope) return [];
  return getDb().notice.findMany({
    where: { AND: [scope, { state: "EMBARGOED" }] },
    orderBy: { disclosureAt: "asc" },
    take: 200,
    select: { id: true, reference: true, disclosureAt: true },
  });
}
