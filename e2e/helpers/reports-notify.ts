// Steps of "the reporter is told" that other specs (the combined reporter journey) reuse: reading a reporter's emails
// at the fake Resend server, waiting for one of them, and — until the intake and queue UIs are merged — linking a
// report to a draft notice straight in the database (PostgreSQL runs only: the embedded database is locked by the
// server under test). After the merge, the journey replaces `linkReportToDraft` with the queue's accept helper.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { urlFor } from "../../scripts/lib/postgres";
import { emailsTo } from "../auth-helpers";

export type ReporterEmail = { subject: string; text: string };

/** The emails a reporter received about their reports (subjects name the report's reference, R-YYYY-NNNN). */
export async function readReporterEmails(page: Page, address: string): Promise<ReporterEmail[]> {
  return (await emailsTo(page.request, address)).filter((m) => /\bR-\d{4}-\d{4}:/.test(m.subject)).map((m) => ({ subject: m.subject, text: m.text ?? "" }));
}

/** Waits (generously: the worker sends in batches) until the reporter has an email whose subject contains `part`. */
export async function waitForReporterEmail(page: Page, address: string, part: string): Promise<ReporterEmail> {
  let found: ReporterEmail | undefined;
  await expect
    .poll(async () => (found = (await readReporterEmails(page, address)).find((m) => m.subject.includes(part))) !== undefined, { timeout: 120_000 })
    .toBe(true);
  return found!;
}

/**
 * A confirmed reporter and their report, accepted into the draft notice `noticeId` (what the queue's "accept" does),
 * written straight into the PostgreSQL database under test. Returns the report's id and reference.
 */
export async function linkReportToDraft(opts: {
  noticeId: string;
  reporterEmail: string;
  creditKind: "NAME" | "HANDLE" | "ORGANISATION" | "NONE";
  creditText: string | null;
}): Promise<{ reportId: string; reference: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("linkReportToDraft needs the PostgreSQL run (DATABASE_URL).");
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: urlFor(new URL(url).pathname.slice(1)) });
  await client.connect();
  try {
    await client.query("BEGIN");
    const year = new Date().getUTCFullYear();
    const { rows } = await client.query<{ last: number }>(
      `INSERT INTO "ReportCounter" (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = "ReportCounter".last + 1 RETURNING last`,
      [year],
    );
    const reference = `R-${year}-${String(rows[0]!.last).padStart(4, "0")}`;
    const reporterId = randomUUID();
    await client.query(
      `INSERT INTO "User" (id, email, role, status, "updatedAt") VALUES ($1, $2, 'REPORTER', 'ACTIVE', now())
       ON CONFLICT (email) DO NOTHING`,
      [reporterId, opts.reporterEmail],
    );
    const user = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [opts.reporterEmail]);
    const reportId = randomUUID();
    await client.query(
      `INSERT INTO "Report" (id, reference, status, "reporterId", summary, details, "reporterName", "creditKind", "creditText", "noticeId", "confirmedAt", "acknowledgedAt", "updatedAt")
       VALUES ($1, $2, 'ACCEPTED', $3, 'Heap overflow in the header parser', 'Details of the report.', 'The reporter', $4, $5, $6, now(), now(), now())`,
      [reportId, reference, user.rows[0]!.id, opts.creditKind, opts.creditText, opts.noticeId],
    );
    await client.query("COMMIT");
    return { reportId, reference };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
