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

export function invitationMail(input: { to: string; signInUrl: string; organisation: string | null; invitedBy: string }): OutgoingMail {
  const what = input.organisation ? `the security notices addressed to ${input.organisation}` : "the project's security team";
  return {
    to: input.to,
    subject: "You have been invited to Forewarn",
    text: [
      `${input.invitedBy} invited you to Forewarn, where you will receive ${what}.`,
      "",
      `Sign in with this email address at:`,
      "",
      input.signInUrl,
      "",
      "You will receive a one-time sign-in link by email. Please keep everything you read there confidential.",
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
