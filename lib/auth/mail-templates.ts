// Emails of the sign-in flow. Plain text: nothing to render, nothing to sanitise, read the same everywhere.
import type { OutgoingMail } from "@/lib/mail/transport";

export const LINK_MINUTES = 10;

export const LINK_WITHHELD = "[sign-in link withheld from the mailbox: the local outbox printed it on the server console]";

export function signInLinkMail(input: { to: string; link: string; name: string | null }): OutgoingMail {
  const text = (link: string) =>
    [
      `Hello${input.name ? ` ${input.name}` : ""},`,
      "",
      "Open this link to sign in to Forewarn. It works once, within the next " + `${LINK_MINUTES} minutes:`,
      "",
      link,
      "",
      "The page it opens asks you to confirm before signing you in.",
      "If you did not ask for this, ignore this email: nobody can sign in without the link.",
    ].join("\n");
  // The dev mailbox is read by every maintainer: a working link there would let one sign in as anyone.
  return { to: input.to, subject: "Your Forewarn sign-in link", text: text(input.link), storedText: text(LINK_WITHHELD) };
}

/**
 * The invitation says truthfully what comes next: a vendor member receives the notice emails addressed to their
 * organisation from now on, before their first sign-in too (link only, nothing embargoed), and reads them by
 * signing in; a maintainer joins the security team.
 */
export function invitationMail(input: { to: string; signInUrl: string; organisation: string | null; invitedBy: string; project?: string }): OutgoingMail {
  const project = input.project ?? "Forewarn";
  const what = input.organisation
    ? [
        `${input.invitedBy} added you to ${project}'s private advance-notification list in Forewarn, as a member of ${input.organisation}.`,
        "",
        `From now on you will receive an email whenever ${project} sends ${input.organisation} an advance security notice, and`,
        "when it changes (revisions, a new disclosure date, reminders, the end of the embargo) — unless your organisation's",
        "admins limit a notice to the colleagues who need to know. These emails carry only the",
        "reference, the disclosure time and a link — never the details, which you read in Forewarn after signing in.",
      ]
    : [`${input.invitedBy} invited you to ${project}'s security team in Forewarn.`];
  return {
    to: input.to,
    subject: input.organisation ? `Invitation: ${project}'s advance security notices for ${input.organisation}` : `Invitation: ${project}'s security team in Forewarn`,
    text: [
      ...what,
      "",
      "Sign in with this email address at:",
      "",
      input.signInUrl,
      "",
      "You will receive a one-time sign-in link by email; no password. Please keep everything you read there confidential.",
    ].join("\n"),
  };
}

export function secondFactorEnrolledMail(input: { to: string; at: Date; ip: string | null }): OutgoingMail {
  return {
    to: input.to,
    subject: "A second factor was set up for your Forewarn account",
    text: [
      `A second factor (authenticator app) was set up for your Forewarn account on ${input.at.toISOString().slice(0, 16).replace("T", " ")} UTC${input.ip ? ` from ${input.ip}` : ""}.`,
      "",
      "If that was you, there is nothing to do.",
      "If it was not, tell your project's maintainers at once: someone may have had access to your email.",
    ].join("\n"),
  };
}
