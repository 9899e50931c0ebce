import "server-only";
// A report a maintainer enters by hand, for one that arrived another way (email). The maintainer vouches for the
// address, so it is confirmed at once and its clock starts now. The reporter gets the portal: a REPORTER account is
// created for the address, or the existing account is linked as it is (a vendor's or maintainer's account is never
// changed: not its role, status or name), and they are emailed the way in.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { handEnteredReportMail } from "../mail-queue";
import type { HandReportInput } from "../queue-schemas";
import { actor, reportManager, reportTopic } from "./shared";

type Tx = Prisma.TransactionClient;

/** R-2026-0007: the year's next number, allocated with the report (no gaps, no clashes). */
export async function allocateReportReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx.$queryRaw<Array<{ last: number }>>`
    INSERT INTO "ReportCounter" (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = "ReportCounter".last + 1
    RETURNING last`;
  return formatReportReference(year, Number(row!.last));
}

export const formatReportReference = (year: number, n: number) => `R-${year}-${String(n).padStart(4, "0")}`;

/** Where the reporter signs in; the sign-in page sends them on to their report afterwards. */
export function reporterSignInUrl(reportId: string): string {
  return `${getConfig().publicUrl}/sign-in?${new URLSearchParams({ callbackUrl: `/reporter/reports/${reportId}` })}`;
}

export async function createReportByHand(viewer: Viewer, input: HandReportInput, request: RequestInfo): Promise<{ id: string; reference: string; linkedExisting: boolean }> {
  const me = reportManager(viewer);
  const db = getDb();
  const project = (await db.projectSettings.findUnique({ where: { id: 1 }, select: { name: true } }))?.name ?? "Forewarn";
  // The email names the reference, and an email is prepared before its transaction opens (PGlite has one
  // connection). So the reference this transaction will take is read first and checked again under the counter's
  // row lock; when another report took it meanwhile, nothing was written and it is tried again.
  for (let attempt = 1; ; attempt++) {
    const id = randomUUID();
    const now = new Date();
    const year = now.getUTCFullYear();
    const next = await db.reportCounter.findUnique({ where: { year }, select: { last: true } });
    const reference = formatReportReference(year, (next?.last ?? 0) + 1);
    const outbox = await prepareDispatch({
      purpose: "report.entered",
      label: `${reference}: entered by a maintainer (to the reporter)`,
      topic: reportTopic(id),
      createdById: me.userId,
      emails: [handEnteredReportMail({ to: input.email, name: input.reporterName, reference, signInUrl: reporterSignInUrl(id), project })],
    });
    try {
      return await db.$transaction(async (tx) => {
        if ((await allocateReportReference(tx, now)) !== reference) throw new ReferenceTaken();
        const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
        // An existing account (a vendor, a maintainer, an earlier reporter) is linked as it is, never changed.
        const reporterId = existing?.id ?? (await tx.user.create({ data: { email: input.email, name: input.reporterName, role: "REPORTER", status: "ACTIVE" }, select: { id: true } })).id;
        await tx.report.create({
          data: {
            id,
            reference,
            status: "RECEIVED",
            source: "MAINTAINER",
            reporterId,
            summary: input.summary,
            details: input.details,
            affectedVersions: input.affectedVersions,
            reproduction: input.reproduction,
            reporterName: input.reporterName,
            creditKind: input.creditKind,
            creditText: input.creditText,
            createdById: me.userId,
            submittedAt: now,
            confirmedAt: now,
          },
        });
        await tx.reportUpdate.create({ data: { reportId: id, kind: "STATUS", status: "RECEIVED", at: now } });
        await outbox.write(tx);
        await recordAudit({ actor: actor(me), action: "report.entered-by-maintainer", target: { type: "report", id }, ip: request.ip, details: { reference, reporterId, existingAccount: !!existing } }, tx);
        return { id, reference, linkedExisting: !!existing };
      });
    } catch (error) {
      if (!(error instanceof ReferenceTaken) || attempt >= 5) throw error;
    }
  }
}

class ReferenceTaken extends Error {}
