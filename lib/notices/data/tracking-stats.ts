import "server-only";
// The tracking figures of one notice, computed by the database: shared by the tracking page and the notice page's
// summary. Internal to the notices data layer (not re-exported): its callers check the viewer.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";

/** The figures cover the organisations that receive the notice now; removed ones are counted apart. */
export type TrackingStats = { organisations: number; acknowledged: number; acknowledgedBeforeDisclosure: number; medianHoursToAcknowledge: number | null; removed: number };

/** The figures' columns over the recipients `r` of the notice `n`: trackingStats's and the tracking page's head. */
export const STATS_COLUMNS = Prisma.sql`
  count(r."id") FILTER (WHERE r."removedAt" IS NULL)::int AS organisations,
  count(r."acknowledgedAt") FILTER (WHERE r."removedAt" IS NULL)::int AS acknowledged,
  count(r."id") FILTER (WHERE r."removedAt" IS NULL AND r."acknowledgedAt" <= COALESCE(n."disclosedAt", n."disclosureAt"))::int AS before,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM r."acknowledgedAt" - r."notifiedAt")::float8) FILTER (WHERE r."removedAt" IS NULL) / 3600)::float8 AS median_hours,
  count(r."removedAt")::int AS removed`;

export type StatsColumns = { organisations: number; acknowledged: number; before: number; median_hours: number | null; removed: number };

export function statsOf(row: StatsColumns | undefined): TrackingStats {
  return { organisations: row?.organisations ?? 0, acknowledged: row?.acknowledged ?? 0, acknowledgedBeforeDisclosure: row?.before ?? 0, medianHoursToAcknowledge: row?.median_hours ?? null, removed: row?.removed ?? 0 };
}

/**
 * The figures over every addressed organisation, computed by the database (one row, whatever the number of
 * organisations). With an even count the median is the mean of the two middle values.
 */
export async function trackingStats(noticeId: string): Promise<TrackingStats> {
  const [row] = await getDb().$queryRaw<StatsColumns[]>`
    SELECT ${STATS_COLUMNS}
    FROM "NoticeRecipient" r JOIN "Notice" n ON n.id = r."noticeId"
    WHERE r."noticeId" = ${noticeId}`;
  return statsOf(row);
}
