// Emails about notices. Clear-text emails carry the reference, the [EMBARGOED] marker, the disclosure time and a
// link — never the title or any other content of the notice (security.md). The full text travels only inside an
// OpenPGP message to the organisation's key (the caller encrypts `fullText`).
import type { MailAddressKind } from "@/lib/mail/addresses";
import type { NoticeContent } from "./notice-fields";
import { noticeText } from "./notice-text";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export type NoticeRef = { id: string; reference: string; disclosureAt: Date };

export function noticeLink(publicUrl: string, noticeId: string): string {
  return `${publicUrl}/vendor/notices/${encodeURIComponent(noticeId)}`;
}

/** Who the email is for, and the project it comes from: every subject names the project (never the notice's title). */
export type MailContext = { project: string; kind: MailAddressKind; to: string };

const marker = "[EMBARGOED]";

/**
 * How the reader gets in. Someone who never signed in is told how (an invited person receives notices from the
 * start); the role address is the organisation's contact, not a person, and cannot sign in: it is told who can.
 */
function howToGetIn(ctx: MailContext, publicUrl: string): string[] {
  if (ctx.kind === "new-member") {
    return [
      "",
      "You have not signed in to Forewarn yet. To read the notice, open the link above (or " + `${publicUrl}/sign-in` + ") and enter",
      `this address, ${ctx.to}: Forewarn emails you a one-time sign-in link. No password, nothing to install.`,
    ];
  }
  if (ctx.kind === "role-address") {
    // No organisation is named in a clear-text email, not even the reader's own.
    return [
      "",
      "This email went to your organisation's security contact address, which cannot sign in itself. Your colleagues",
      "on the list read the notice by signing in with their own address. To add a colleague, ask your organisation's",
      "admin in Forewarn or the project's maintainers.",
    ];
  }
  return [];
}

export function embargoedNoticeMail(n: NoticeRef, publicUrl: string, ctx: MailContext): { subject: string; text: string } {
  return {
    subject: `${marker} ${ctx.project} ${n.reference}: advance security notice`,
    text: [
      `${marker} Advance security notice ${n.reference} from ${ctx.project}`,
      "",
      `Public disclosure: ${utc(n.disclosureAt)}`,
      "",
      "The details are under embargo: read them in Forewarn, accept the embargo terms and acknowledge the notice:",
      noticeLink(publicUrl, n.id),
      ...howToGetIn(ctx, publicUrl),
      "",
      "Do not forward this email. Everything about this notice is confidential until the disclosure time.",
    ].join("\n"),
  };
}

/** The full notice as plain text, to be encrypted to the organisation's key (never sent as is). */
export function fullNoticeText(n: NoticeRef & NoticeContent, publicUrl: string): string {
  return noticeText(n, noticeLink(publicUrl, n.id));
}

/** What a change email may add: why an embargo ended early, and the time that had been planned. */
export type UpdateExtras = { endReason?: string | null; plannedDisclosureAt?: Date | null };

/**
 * A change told to the recipients. A change of the disclosure time names the new time in its subject and when it was
 * changed: emails about two changes in a row may arrive in either order, and the reader must be able to tell which
 * one holds. The "embargo ended" email says when it became public, why it ended early if it did, and links the
 * public advisory.
 */
export function noticeUpdateMail(
  n: NoticeRef,
  publicUrl: string,
  what: "revised" | "date-changed" | "disclosed" | "withdrawn" | "retracted" | "reminder" | "message",
  changedAt: Date,
  ctx: MailContext,
  extras: UpdateExtras = {},
): { subject: string; text: string } {
  const advisory = `${publicUrl}/advisories/${encodeURIComponent(n.id)}`;
  const early = extras.plannedDisclosureAt && extras.plannedDisclosureAt.getTime() > n.disclosureAt.getTime() + 60_000;
  const lines: Record<typeof what, [string, string]> = {
    revised: ["updated", "The notice was revised. Read the change in Forewarn."],
    "date-changed": [
      `disclosure time changed to ${utc(n.disclosureAt)}`,
      `The disclosure time is now ${utc(n.disclosureAt)} (changed ${utc(changedAt)}). If several of these emails reach you, the latest change holds; the notice in Forewarn always shows the current time.`,
    ],
    disclosed: [
      "embargo ended",
      [
        `The embargo has ended: the advisory is public since ${utc(n.disclosureAt)}.`,
        ...(early ? [`It ended early (it was planned for ${utc(extras.plannedDisclosureAt!)})${extras.endReason ? `: ${extras.endReason}` : "."}`] : []),
        "",
        `Public advisory: ${advisory}`,
      ].join("\n"),
    ],
    withdrawn: ["withdrawn", "The notice was withdrawn: it will not be published. Keep everything about it confidential."],
    retracted: ["advisory withdrawn", "The published advisory was withdrawn: it is not a vulnerability after all. Its OSV record is marked withdrawn."],
    reminder: ["please acknowledge", "Your organisation has not acknowledged this notice yet. Please read it and acknowledge it in Forewarn."],
    message: ["new message", "There is a new message about this notice in Forewarn."],
  };
  const [tag, body] = lines[what];
  const embargoed = !(what === "disclosed" || what === "retracted");
  const head = `${embargoed ? `${marker} ` : ""}${ctx.project} ${n.reference}: ${tag}`;
  // A withdrawn notice is no longer in the portal: no link to a page that would answer "not found".
  const linked = what !== "withdrawn" && what !== "retracted" && what !== "disclosed";
  return {
    subject: head,
    text: [
      head,
      "",
      body,
      ...(embargoed && what !== "withdrawn" ? ["", `Public disclosure: ${utc(n.disclosureAt)}`] : []),
      ...(linked ? ["", noticeLink(publicUrl, n.id), ...howToGetIn(ctx, publicUrl)] : []),
    ].join("\n"),
  };
}

/**
 * To an organisation removed from a notice under embargo: only that its access ended and that what it read stays
 * confidential. No reason, no organisation (not even its own), no link: the removal is the maintainers' business.
 */
export function accessEndedMail(n: Pick<NoticeRef, "reference">, ctx: Pick<MailContext, "project">): { subject: string; text: string } {
  const subject = `${marker} ${ctx.project} ${n.reference}: your access ended`;
  return {
    subject,
    text: [
      subject,
      "",
      `Your organisation's access to the advance security notice ${n.reference} from ${ctx.project} has ended. You will`,
      "receive no further emails about it.",
      "",
      "Keep everything you read about it confidential: do not share, publish or hint at it.",
    ].join("\n"),
  };
}
