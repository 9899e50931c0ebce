import "server-only";
// The reporter is told (issue 13, item 4): the notice lifecycle calls `tellReporters` inside its own transaction when
// the notice a report was accepted into is sent, its date moves, its embargo ends early, it is withdrawn or it is
// disclosed. Each linked reporter gets one timeline row (ReportUpdate) and one email through the outbox, both written
// with the change itself: a crash loses nothing and a retried job, finding the change made, tells nobody twice.
//
// And the credit: how a reporter is credited is theirs to choose until disclosure. `syncNoticeCredit` makes the
// notice's credit (what vendors read, what OSV/CSAF/the public page and the announcement publish) equal the linked
// reports' choices; it runs whenever a choice changes (PORTAL's credit action, QUEUE's accept), when the notice is sent
// and in the disclosure transaction, so the credit as published is the reporters' choice at that moment.
//
// What goes to a reporter is built only from the report, the notice's reference, dates and credit, and the reason the
// maintainers chose to share with them: never an organisation, a recipient, anything a vendor said or tracking.
import type { Prisma } from "@/generated/prisma/client";
import type { ReportStatus } from "@/generated/prisma/enums";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError } from "@/lib/server/errors";
import { recordAudit } from "@/lib/audit/data";
import { getJobEngine } from "@/lib/jobs/engine";
import { prepareDispatch } from "@/lib/mail/data";
import { creditLine, LINKED_REPORT_STATUSES, noticeCredit } from "../policy";
import { advisoryLink, reporterNoticeMail, type ReporterEvent } from "../mail";
import { reportTopic } from "./shared";

type Tx = Prisma.TransactionClient;

export type TellReportersInput = {
  noticeId: string;
  event: ReporterEvent;
  /** The reason the maintainers chose to share with the reporter(s) (optional; never what vendors were told). */
  reason?: string | null | undefined;
  /** When it happened. */
  at: Date;
  /** DATE_CHANGED: the disclosure time before the change (the notice already holds the new one). */
  previousAt?: Date | null | undefined;
};

/**
 * The report's status after the event. Disclosure (at the time or ended early) makes it DISCLOSED. A withdrawal —
 * "not a real issue" — sends it back to the maintainers' queue as ACKNOWLEDGED (the way policy.ts reopens a report):
 * ACCEPTED would claim an advisory that will never come and leave the report with no next step; back in the queue, a
 * maintainer decides in the open (decline with a reason the reporter receives, or accept into a new notice), and the
 * acknowledgement clock does not start again.
 */
export function statusAfter(event: ReporterEvent, current: ReportStatus): ReportStatus {
  if (event === "DISCLOSED" || event === "EMBARGO_ENDED") return "DISCLOSED";
  if (event === "WITHDRAWN") return "ACKNOWLEDGED";
  return current;
}

const AUDIT_ACTION = {
  DATE_SET: "report.told-date-set",
  DATE_CHANGED: "report.told-date-changed",
  EMBARGO_ENDED: "report.told-embargo-ended",
  WITHDRAWN: "report.told-withdrawn",
  DISCLOSED: "report.told-disclosed",
} as const;

async function projectIdentity(tx: Tx): Promise<{ project: string; zone: string }> {
  const row = await tx.projectSettings.findUnique({ where: { id: 1 }, select: { name: true, defaultDisclosureZone: true } });
  return { project: row?.name ?? "Forewarn", zone: row?.defaultDisclosureZone ?? "UTC" };
}

/**
 * Tells every reporter whose report the notice was made from, in the caller's transaction, after the caller changed
 * the notice (it reads the notice as changed). The job engine must already be started (the lifecycle functions start
 * it before opening their transaction: on PGlite nothing may reach the database outside an open transaction).
 * Returns how many reporters were told; a notice without linked reports writes nothing.
 */
export async function tellReporters(tx: Tx, input: TellReportersInput): Promise<{ told: number }> {
  const reports = await tx.report.findMany({
    where: { noticeId: input.noticeId, status: { in: [...LINKED_REPORT_STATUSES] } },
    orderBy: [{ confirmedAt: "asc" }, { submittedAt: "asc" }],
    select: { id: true, reference: true, status: true, creditKind: true, creditText: true, reporter: { select: { email: true } } },
  });
  if (reports.length === 0) return { told: 0 };
  const notice = await tx.notice.findUniqueOrThrow({
    where: { id: input.noticeId },
    select: { id: true, reference: true, disclosureAt: true, plannedDisclosureAt: true, reporterCredit: true, reporterOptOut: true },
  });
  const { project, zone } = await projectIdentity(tx);
  const { publicUrl } = getConfig();
  const reason = input.reason?.trim() || null;
  const isPublic = input.event === "DISCLOSED" || input.event === "EMBARGO_ENDED";
  const advisory = isPublic ? { reference: notice.reference, url: advisoryLink(publicUrl, notice.id), credit: notice.reporterOptOut ? null : notice.reporterCredit?.trim() || null } : null;
  const previousAt = input.event === "EMBARGO_ENDED" ? notice.plannedDisclosureAt : (input.previousAt ?? null);
  // Already started by the caller: this resolves at once and touches no connection.
  await getJobEngine();

  for (const report of reports) {
    // A retried disclosure never reaches here (the notice is no longer embargoed); this guards any other repeat.
    if (isPublic && report.status === "DISCLOSED") continue;
    const status = statusAfter(input.event, report.status);
    if (status !== report.status) await tx.report.update({ where: { id: report.id }, data: { status } });
    const update = await tx.reportUpdate.create({
      data: { reportId: report.id, kind: input.event, status, disclosureAt: notice.disclosureAt, message: input.event === "WITHDRAWN" || input.event === "DATE_CHANGED" || input.event === "EMBARGO_ENDED" ? reason : null, at: input.at },
      select: { id: true },
    });
    const mail = reporterNoticeMail({
      project,
      zone,
      publicUrl,
      report,
      event: input.event,
      disclosureAt: notice.disclosureAt,
      previousAt,
      at: input.at,
      ownCredit: creditLine(report.creditKind, report.creditText),
      reason,
      advisory,
    });
    const outbox = await prepareDispatch({
      purpose: `report.${input.event.toLowerCase().replace("_", "-")}`,
      label: `${report.reference}: the reporter is told (${input.event.toLowerCase().replace("_", " ")})`,
      topic: reportTopic(report.id),
      createdById: null,
      emails: [{ to: report.reporter.email, subject: mail.subject, text: mail.text }],
      reader: tx,
      // Told of a disclosure or withdrawal whatever the signing key's state (the email waits at delivery if it is broken).
      evenIfKeyUnusable: input.event !== "DATE_SET" && input.event !== "DATE_CHANGED",
    });
    await outbox.write(tx);
    await recordAudit(
      {
        actor: null,
        action: AUDIT_ACTION[input.event],
        target: { type: "report", id: report.id },
        details: { reference: report.reference, noticeId: notice.id, kind: input.event, status, updateId: update.id, reasonShared: reason !== null },
      },
      tx,
    );
  }
  return { told: reports.filter((r) => !(isPublic && r.status === "DISCLOSED")).length };
}

/**
 * Makes the notice's credit the linked reports' choices, under the notice's row lock, in the caller's transaction.
 * A credit can change while the notice is a draft or embargoed; once it is public (or withdrawn) a change is refused
 * (ConflictError) so that the caller's change of a report's credit rolls back: the credit as published stays what was
 * published. A notice without linked reports keeps the maintainers' entry. Returns whether the notice changed.
 *
 * Under embargo the new credit is simply the notice's credit field: recipients who open the notice read the current
 * one, like every other field, but get no revision and no email for it — a credit is not about the vulnerability,
 * asks nothing of them, and an email to every recipient each time a reporter edits their handle would be noise (and
 * would tell vendors the reporter is active).
 */
export async function syncNoticeCredit(tx: Tx, noticeId: string, by: { id: string; email: string } | null = null): Promise<boolean> {
  const [locked] = await tx.$queryRaw<Array<{ state: string; reporterCredit: string | null; reporterOptOut: boolean }>>`
    SELECT state::text AS state, "reporterCredit", "reporterOptOut" FROM "Notice" WHERE id = ${noticeId} FOR UPDATE`;
  if (!locked) return false;
  const reports = await tx.report.findMany({
    where: { noticeId, status: { in: [...LINKED_REPORT_STATUSES] } },
    orderBy: [{ confirmedAt: "asc" }, { submittedAt: "asc" }],
    select: { creditKind: true, creditText: true },
  });
  const credit = noticeCredit(reports);
  if (!credit || (credit.reporterCredit === locked.reporterCredit && credit.reporterOptOut === locked.reporterOptOut)) return false;
  if (locked.state !== "DRAFT" && locked.state !== "EMBARGOED") throw new ConflictError("The advisory is already public: the credit can no longer change.");
  await tx.notice.update({ where: { id: noticeId }, data: credit });
  await recordAudit({ actor: by, action: "report.credit-synced", target: { type: "notice", id: noticeId }, details: { reports: reports.length, optOut: credit.reporterOptOut } }, tx);
  return true;
}

/** For PORTAL's credit action and QUEUE's accept: after a report's credit or link changed, in the same transaction. */
export async function syncReporterCredit(tx: Tx, reportId: string, by: { id: string; email: string } | null = null): Promise<boolean> {
  const report = await tx.report.findUnique({ where: { id: reportId }, select: { noticeId: true } });
  return report?.noticeId ? syncNoticeCredit(tx, report.noticeId, by) : false;
}

/**
 * Brings the notice's credit in line before the lifecycle prepares what it sends or publishes (the encrypted full
 * text, the announcement), in a transaction of its own. The lifecycle's transaction checks again.
 */
export async function syncNoticeCreditNow(noticeId: string): Promise<void> {
  await getDb().$transaction((tx) => syncNoticeCredit(tx, noticeId));
}
