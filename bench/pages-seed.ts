// The data `npm run bench -- pages` measures on: 1,000 active organisations × 3 active members, a maintainer, and
// 200 notices in every state, one of them embargoed and addressed to all 1,000 organisations with a realistic mix of
// silent, viewed, acknowledged, feedback and statement states, threads and email deliveries. Written in bulk with
// Prisma, as prisma/seed.ts does: the bench stands outside the app. Not timed.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { hashSessionToken } from "@/lib/auth/tokens";

export const ORGANISATIONS = 1_000;
const MEMBERS = 3;
const NOTICES = 200;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Seeded = {
  vendor: { cookie: string; organisation: string };
  maintainer: { cookie: string };
  big: { id: string; title: string; organisations: number };
  small: { id: string; title: string; organisations: number };
  /** Names the tracking page of each notice must show. */
  firstOrganisation: string;
};

/** A deterministic generator: every run seeds the same mix. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

const DESCRIPTION = [
  "## Summary",
  "",
  "A crafted archive with an over-long extra field makes the parser copy past the end of a heap buffer.",
  "Untrusted archives reach this code through the `extract` and `list` commands and the library's `open()`.",
  "",
  "## Impact",
  "",
  "- Remote code execution in processes that unpack untrusted archives (CI runners, package mirrors)",
  "- Denial of service in every other configuration",
  "",
  "## Details",
  "",
  ...Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1}: the length check in \`read_extra()\` uses the declared size of the field instead of the bytes left in the header, so a header that declares more than it holds is read beyond its end. Builds with _FORTIFY_SOURCE catch some, not all, of the variants.`),
].join("\n");

function noticeData(i: number, state: "DRAFT" | "EMBARGOED" | "DISCLOSED" | "WITHDRAWN", createdById: string, now: number) {
  const sent = state !== "DRAFT";
  const disclosureAt = new Date(state === "DISCLOSED" ? now - (i % 300) * DAY : now + (3 + (i % 9)) * DAY);
  const sentAt = sent ? new Date(disclosureAt.getTime() - 10 * DAY) : null;
  return {
    id: randomUUID(),
    reference: `FW-2026-${String(i + 1).padStart(4, "0")}`,
    state,
    title: `Heap overflow in the archive parser, variant ${i + 1}`,
    summary: "A crafted archive can overflow a heap buffer while its headers are parsed.",
    description: DESCRIPTION,
    remediation: "Upgrade to 4.2.7 or 3.9.12, or apply the attached patch.",
    detection: "Crashes in `read_extra` with archives from untrusted sources.",
    affectedVersions: ">= 3.0, < 3.9.12; >= 4.0, < 4.2.7",
    fixedVersions: "3.9.12, 4.2.7",
    cveIds: [`CVE-2026-${String(10_000 + i)}`],
    cwe: "CWE-122",
    cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
    cvssScore: 8.8,
    severity: "HIGH" as const,
    embargoNotes: "Do not push fixed packages to public mirrors before the disclosure time.",
    reporterCredit: "A. Researcher",
    disclosureAt,
    sentAt,
    disclosedAt: state === "DISCLOSED" ? disclosureAt : null,
    withdrawnAt: state === "WITHDRAWN" ? new Date(now - DAY) : null,
    endReason: state === "WITHDRAWN" ? "Not a vulnerability after all." : null,
    revision: sent ? i % 3 : 0,
    createdById,
  };
}

export async function seedPages(db: Db): Promise<Seeded> {
  const random = rng(20_260_301);
  const now = Date.now();

  const organisations = Array.from({ length: ORGANISATIONS }, (_, i) => ({
    id: randomUUID(),
    name: `Bench Distributor ${String(i + 1).padStart(4, "0")}`,
    status: "ACTIVE" as const,
    roleAddress: i % 4 === 0 ? `security@distributor${i + 1}.bench.example` : null,
  }));
  const members = organisations.flatMap((org, i) =>
    Array.from({ length: MEMBERS }, (_, m) => ({ id: randomUUID(), organisationId: org.id, email: `member${m + 1}@distributor${i + 1}.bench.example`, name: `Member ${m + 1} of ${org.name}` })),
  );
  const maintainer = { id: randomUUID(), email: "maintainer@project.bench.example" };
  await db.organisation.createMany({ data: organisations });
  await db.user.createMany({
    data: [
      { id: maintainer.id, email: maintainer.email, role: "MAINTAINER", status: "ACTIVE", emailVerified: new Date(now), totpEnabledAt: new Date(now - 30 * DAY) },
      ...members.map((m) => ({ id: m.id, email: m.email, name: m.name, role: "VENDOR" as const, status: "ACTIVE" as const, emailVerified: new Date(now) })),
    ],
  });
  await db.membership.createMany({ data: members.map((m) => ({ userId: m.id, organisationId: m.organisationId })) });
  const membersOf = (orgIndex: number) => members.slice(orgIndex * MEMBERS, orgIndex * MEMBERS + MEMBERS);

  // 200 notices: the big one (index 0), the small one (index 1, 3 organisations), then every state.
  const states = ["DISCLOSED", "DISCLOSED", "DISCLOSED", "EMBARGOED", "DRAFT", "DISCLOSED", "EMBARGOED", "WITHDRAWN"] as const;
  const notices = Array.from({ length: NOTICES }, (_, i) => noticeData(i, i < 2 ? "EMBARGOED" : states[i % states.length]!, maintainer.id, now));
  await db.notice.createMany({ data: notices });

  const recipients: Prisma.NoticeRecipientCreateManyInput[] = [];
  const terms: Prisma.NoticeTermsAcceptanceCreateManyInput[] = [];
  const acks: Prisma.NoticeAcknowledgementCreateManyInput[] = [];
  const updates: Prisma.RecipientUpdateCreateManyInput[] = [];
  const messages: Prisma.NoticeMessageCreateManyInput[] = [];
  const dispatches: Prisma.MailDispatchCreateManyInput[] = [];
  const batches: Prisma.MailBatchCreateManyInput[] = [];
  const emails: Prisma.OutboxEmailCreateManyInput[] = [];

  notices.forEach((notice, n) => {
    if (notice.state === "DRAFT" || !notice.sentAt) return;
    // The big notice goes to everyone, the small one to organisations 1–3, the others to 3–60 from a shuffled start.
    const count = n === 0 ? ORGANISATIONS : n === 1 ? 3 : 3 + Math.floor(random() * 58);
    const start = n <= 1 ? 0 : Math.floor(random() * (ORGANISATIONS - count));
    const dispatch = { id: randomUUID(), purpose: "notice.sent", label: `${notice.reference} advance notice`, topic: `notice:${notice.id}`, createdById: maintainer.id, createdAt: notice.sentAt };
    dispatches.push(dispatch);
    let batch: { id: string; size: number } | null = null;
    for (let o = start; o < start + count; o++) {
      const org = organisations[o]!;
      const people = membersOf(o);
      const r = random();
      // The vendor the bench signs in as (organisation 1) has accepted, viewed and acknowledged both measured notices.
      const mine = o === 0 && n <= 1;
      const viewed = mine || r < 0.8;
      const accepted = mine || r < 0.7;
      const acknowledged = mine || r < 0.6;
      const id = randomUUID();
      const notifiedAt = notice.sentAt;
      const acknowledgedAt = acknowledged ? new Date(notifiedAt.getTime() + (1 + Math.floor(random() * 72)) * HOUR) : null;
      const feedback = r < 0.15 ? "PATCH_TESTED_OK" : r < 0.25 ? "INVESTIGATING" : r < 0.28 ? "PROBLEM_FOUND" : null;
      const statement = r < 0.1 ? "FIXED" : r < 0.2 ? "AFFECTED" : r < 0.3 ? "NOT_AFFECTED" : null;
      recipients.push({
        id,
        noticeId: notice.id,
        organisationId: org.id,
        notifiedAt,
        firstViewedAt: viewed ? new Date(notifiedAt.getTime() + HOUR) : null,
        acknowledgedAt,
        acknowledgedById: acknowledged ? people[0]!.id : null,
        feedback,
        statement,
        statementComment: statement ? "Packages rebuilt and queued for the disclosure time." : null,
        remindedAt: acknowledged ? null : new Date(notifiedAt.getTime() + 2 * DAY),
        reminders: acknowledged ? 0 : 1 + Math.floor(random() * 2),
      });
      if (accepted) for (const p of people.slice(0, mine ? 3 : 2)) terms.push({ recipientId: id, userId: p.id, acceptedAt: new Date(notifiedAt.getTime() + HOUR) });
      if (acknowledged) acks.push({ recipientId: id, userId: people[0]!.id, at: acknowledgedAt! });
      if (feedback || statement) updates.push({ recipientId: id, userId: people[1]!.id, feedback, statement, comment: "Rebuilt and tested.", at: new Date(notifiedAt.getTime() + 2 * HOUR) });
      if (mine || r < 0.05) {
        messages.push(
          { recipientId: id, authorId: people[2]!.id, fromMaintainer: false, body: "Does the patch apply to the 3.8 branch as well?", at: new Date(notifiedAt.getTime() + 3 * HOUR) },
          { recipientId: id, authorId: maintainer.id, fromMaintainer: true, body: "Yes, with one trivial conflict in the test file.", at: new Date(notifiedAt.getTime() + 4 * HOUR) },
        );
      }
      const addresses = [...people.map((p) => p.email), ...(org.roleAddress ? [org.roleAddress] : [])];
      for (const to of addresses) {
        if (!batch || batch.size === 100) {
          batch = { id: randomUUID(), size: 0 };
          batches.push({ id: batch.id, dispatchId: dispatch.id, status: "DONE", attempts: 1, createdAt: notifiedAt });
        }
        const e = random();
        const status = e < 0.9 ? "DELIVERED" : e < 0.96 ? "SENT" : e < 0.99 ? "BOUNCED" : "FAILED";
        emails.push({ dispatchId: dispatch.id, batchId: batch.id, position: batch.size++, toAddress: to, subject: `[EMBARGOED] ${notice.reference} advance notice`, organisationId: org.id, status, sentAt: notifiedAt, deliveredAt: status === "DELIVERED" ? notifiedAt : null, createdAt: notifiedAt });
      }
    }
  });

  // Bulk inserts in chunks: one statement's parameters stay well under PostgreSQL's 65,535.
  const chunks = async <T>(rows: T[], write: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 2_000) await write(rows.slice(i, i + 2_000));
  };
  await chunks(recipients, (data) => db.noticeRecipient.createMany({ data }));
  await chunks(terms, (data) => db.noticeTermsAcceptance.createMany({ data }));
  await chunks(acks, (data) => db.noticeAcknowledgement.createMany({ data }));
  await chunks(updates, (data) => db.recipientUpdate.createMany({ data }));
  await chunks(messages, (data) => db.noticeMessage.createMany({ data }));
  await db.mailDispatch.createMany({ data: dispatches });
  await chunks(batches, (data) => db.mailBatch.createMany({ data }));
  await chunks(emails, (data) => db.outboxEmail.createMany({ data }));

  const sentNotices = notices.filter((n) => n.revision > 0);
  await db.noticeRevision.createMany({
    data: sentNotices.flatMap((n) =>
      Array.from({ length: n.revision }, (_, k) => ({ noticeId: n.id, number: k + 1, changeNote: "Fixed versions corrected.", changes: { fixedVersions: ["4.2.6", "4.2.7"] }, createdById: maintainer.id, at: new Date(n.sentAt!.getTime() + (k + 1) * DAY) })),
    ),
  });
  const patch = Buffer.from(`--- a/src/extra.c\n+++ b/src/extra.c\n${"@@ -1,3 +1,4 @@\n context line\n".repeat(40)}`);
  await db.noticeAttachment.createMany({
    data: notices.map((n) => ({ noticeId: n.id, filename: "fix-read-extra.patch", contentType: "text/x-patch", size: patch.length, sha256: createHash("sha256").update(patch).digest("hex"), data: patch, uploadedById: maintainer.id })),
  });

  // Signed-in sessions, as next-auth's adapter stores them (hashed token) with the second factor passed.
  const session = async (userId: string) => {
    const token = randomBytes(32).toString("base64url");
    const expires = new Date(now + DAY);
    await db.session.create({ data: { sessionToken: hashSessionToken(token), userId, expires, absoluteExpiresAt: expires, secondFactorAt: new Date(now) } });
    return `next-auth.session-token=${token}`;
  };
  return {
    vendor: { cookie: await session(membersOf(0)[0]!.id), organisation: organisations[0]!.name },
    maintainer: { cookie: await session(maintainer.id) },
    big: { id: notices[0]!.id, title: notices[0]!.title, organisations: ORGANISATIONS },
    small: { id: notices[1]!.id, title: notices[1]!.title, organisations: 3 },
    firstOrganisation: organisations[0]!.name,
  };
}
