// Emails of the intake queue. To the reporter: what the maintainers chose to tell them about their own report (the
// reference, the new status, the maintainer's message or reason, a link) — never another report's content, never an
// organisation. To maintainers: the reference, the time left and a link only — never the report's content.
import type { QueuedEmail } from "@/lib/mail/data";
import { formatUtcInstant } from "@/lib/time/zones";

export type ReporterNews = "acknowledged" | "reply" | "accepted" | "declined" | "duplicate" | "fixed";

const SUBJECTS: Record<ReporterNews, string> = {
  acknowledged: "your report was acknowledged",
  reply: "a new message about your report",
  accepted: "your report was accepted",
  declined: "your report was declined",
  duplicate: "your report was marked as a duplicate",
  fixed: "your report was marked as fixed",
};

const OPENERS: Record<ReporterNews, string> = {
  acknowledged: "The maintainers acknowledged your report.",
  reply: "The maintainers wrote to you about your report.",
  accepted: "The maintainers accepted your report: they are preparing an advance notice and will tell you the planned disclosure date once it is set.",
  declined: "The maintainers declined your report.",
  duplicate: "The maintainers marked your report as a duplicate of one they had already received.",
  fixed: "The maintainers marked the issue you reported as fixed.",
};

/** One email to the reporter about their report. `said` is what the maintainer wrote for them (message or reason). */
export function reporterNewsMail(input: { to: string; reference: string; news: ReporterNews; said: string | null; link: string }): QueuedEmail {
  return {
    to: input.to,
    subject: `${input.reference}: ${SUBJECTS[input.news]}`,
    text: [
      OPENERS[input.news],
      ...(input.said ? ["", input.news === "declined" || input.news === "duplicate" ? "Their reason:" : "Their message:", "", input.said] : []),
      "",
      "Read your report, its thread and its status in Forewarn (sign in with this address):",
      input.link,
    ].join("\n"),
  };
}

/** A maintainer entered the report by hand: the reporter gets the portal, where they follow it and are told the dates. */
export function handEnteredReportMail(input: { to: string; name: string; reference: string; signInUrl: string; project: string }): QueuedEmail {
  return {
    to: input.to,
    subject: `${input.reference}: your vulnerability report to ${input.project}`,
    text: [
      `Hello ${input.name},`,
      "",
      `The ${input.project} maintainers recorded the vulnerability you reported to them as ${input.reference} in Forewarn, their private`,
      "reporting portal. There you can follow its status, write to the maintainers privately, choose how you are credited, and",
      "you will be told the planned disclosure date and every change of it.",
      "",
      "Sign in with this email address (you will receive a one-time sign-in link; no password):",
      input.signInUrl,
    ].join("\n"),
  };
}

/** To each active maintainer: a report's acknowledgement clock is about to run out (or has). */
export function acknowledgeReminderMail(input: { to: string; reference: string; deadline: Date; link: string }): QueuedEmail {
  return {
    to: input.to,
    subject: `${input.reference}: acknowledge this report by ${formatUtcInstant(input.deadline)}`,
    text: [
      `Report ${input.reference} has not been acknowledged yet. The project's target runs out at ${formatUtcInstant(input.deadline)}.`,
      "",
      "Acknowledge it (the reporter receives your message) in Forewarn:",
      input.link,
    ].join("\n"),
  };
}
