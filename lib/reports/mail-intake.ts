// Emails of the report intake (INTAKE lane). Plain text. The reporter's confirmation carries the link (which signs
// them in, so the dev mailbox keeps it withheld, like a sign-in link); the maintainers' notice carries the reference
// and a link only — never the report's content.
import type { OutgoingMail } from "@/lib/mail/transport";
import { LINK_WITHHELD } from "@/lib/auth/mail-templates";

export const CONFIRM_HOURS = 24;

export function reportConfirmationMail(input: { to: string; name: string; reference: string; link: string; project: string }): OutgoingMail {
  const text = (link: string) =>
    [
      `Hello ${input.name},`,
      "",
      `You (or someone using your address) reported a security vulnerability to ${input.project}. It is held as ${input.reference}`,
      "and reaches the maintainers only once you confirm your address. Open this link within the next",
      `${CONFIRM_HOURS} hours and press "Confirm and sign in":`,
      "",
      link,
      "",
      "Confirming also signs you in, so you can follow the report: its status, the maintainers' messages, the planned",
      "disclosure date and how you will be credited.",
      "",
      `If you did not send this report, ignore this email: it is deleted after ${CONFIRM_HOURS} hours without confirmation.`,
    ].join("\n");
  return { to: input.to, subject: `Confirm your vulnerability report ${input.reference}`, text: text(input.link), storedText: text(LINK_WITHHELD) };
}

export function newReportMail(input: { to: string; reference: string; link: string; targetHours: number }) {
  return {
    to: input.to,
    subject: `New vulnerability report ${input.reference}`,
    text: [
      `A reporter confirmed a new vulnerability report, ${input.reference}.`,
      `The project aims to acknowledge it within ${input.targetHours} hours.`,
      "",
      "Read it in Forewarn:",
      input.link,
    ].join("\n"),
  };
}
