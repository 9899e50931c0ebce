import "server-only";
// The reminder before a report's acknowledgement clock runs out (a job every 15 minutes): every active maintainer is
// emailed once per report, when less than max(2 h, 10% of the target) is left — or already none, after downtime —
// and nobody acknowledged it. reminderSentAt is set by a conditional update in the email's own transaction: a retried
// or concurrent run finds it set and sends nothing again. The email holds the reference, the deadline and a link.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { acknowledgeReminderMail } from "../mail-queue";
import { acknowledgeDeadline, reminderLeadMs } from "../queue-clock";
import { acknowledgeTargetHours } from "./queue";
import { maintainerAddresses, reportTopic } from "./shared";

const HOUR = 3_600_000;

export async function remindBeforeAcknowledgeDeadline(now = new Date()): Promise<number> {
  const db = getDb();
  const targetHours = await acknowledgeTargetHours();
  const cutoff = new Date(now.getTime() - (targetHours * HOUR - reminderLeadMs(targetHours)));
  const due = await db.report.findMany({
    where: { status: "RECEIVED", reminderSentAt: null, confirmedAt: { not: null, lte: cutoff } },
    orderBy: { confirmedAt: "asc" },
    take: 200,
    select: { id: true, reference: true, confirmedAt: true },
  });
  if (due.length === 0) return 0;
  const maintainers = await maintainerAddresses();
  let reminded = 0;
  for (const report of due) {
    const deadline = acknowledgeDeadline(report.confirmedAt!, targetHours);
    const link = `${getConfig().publicUrl}/maintainer/reports/${report.id}`;
    const outbox = await prepareDispatch({
      purpose: "report.reminder",
      label: `${report.reference}: acknowledgement reminder`,
      topic: reportTopic(report.id),
      emails: maintainers.map((to) => acknowledgeReminderMail({ to, reference: report.reference, deadline, link })),
    });
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.report.updateMany({ where: { id: report.id, status: "RECEIVED", reminderSentAt: null }, data: { reminderSentAt: now } });
      if (claimed.count === 0) return false;
      await outbox.write(tx);
      await recordAudit({ actor: null, action: "report.reminder-sent", target: { type: "report", id: report.id }, details: { reference: report.reference, maintainers: outbox.emailCount } }, tx);
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
