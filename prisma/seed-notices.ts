// The demo notices of `npm run db:seed`, one in every state, made through the project's own data functions as the
// first maintainer would make them in the app: so the audit log and its hash chain, the revisions, the outbox emails,
// the disclosure jobs and every public output (index, Atom, OSV, CSAF, sitemap, calendars) are real and consistent.
// Idempotent by title: a demo notice that exists already is left as it is (whatever happened to it since).
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { MaintainerViewer, RequestInfo, VendorViewer } from "../lib/server/viewer-types.ts";
import {
  acceptNoticeTerms,
  acknowledgeNotice,
  addAttachment,
  changeDisclosureDate,
  createNoticeDraft,
  postMaintainerMessage,
  postVendorMessage,
  reviseNotice,
  sendNotice,
  updateRecipientStatus,
} from "../lib/notices/data/index.ts";
import { endEmbargoNow, withdrawNotice } from "../lib/advisories/data/index.ts";
import { NoticeDraftSchema } from "../lib/notices/schemas.ts";

const REQUEST: RequestInfo = { ip: null, userAgent: "npm run db:seed" };
const DAY = 86_400_000;

/** A disclosure time `days` from now, on the hour (UTC), as the form would send it. */
function inDays(days: number, now: Date): string {
  const at = new Date(now.getTime() + days * DAY);
  at.setUTCMinutes(0, 0, 0);
  at.setUTCHours(14);
  return at.toISOString();
}

// Ranges as the form's range editor posts them. Ecosystems spelled as OSV spells them; the purl is left to be derived
// from ecosystem + name; SEMVER versions without a leading "v"; git ranges name full commit hashes and the repository.
const ranges = (rows: Array<Record<string, string>>) => JSON.stringify(rows);

type Raw = Record<string, unknown>;
type DemoNotice = { title: string; fields: (now: Date) => Raw; audience: string[] };

const ARCHIVE: DemoNotice = {
  title: "Path traversal in archive extraction",
  // Named, not "every active organisation": the demo must never address an organisation it did not create.
  audience: ["Aurora Linux", "Bluefin OS", "Cirrus Cloud", "Dune Packages", "Ember BSD", "Fjord Containers", "Granite Enterprise Linux", "Harbor Mobile", "Iris Embedded"],
  fields: (now) => ({
    summary: "Extracting a crafted archive writes files outside the target directory.",
    description:
      "`extract_all()` joins member names to the target directory without normalising them. A member named\n`../../etc/cron.d/job` is written outside the target, which lets anyone who can supply an archive write files\nwith the privileges of the extracting process.",
    remediation: "Upgrade to acme-archive 2.4.1 (PyPI) or acme-archive-js 1.8.3 (npm), or apply the attached patch.",
    detection: "Look for files created outside extraction directories by processes that unpack user uploads.",
    mitigation: "Extract untrusted archives in a throw-away container or as an unprivileged user.",
    workaround: "Reject archives whose member names contain `..` or start with `/` before extracting them.",
    affectedVersions: "acme-archive 2.0.0 to 2.4.0; acme-archive-js 1.0.0 to 1.8.2",
    fixedVersions: "acme-archive 2.4.1; acme-archive-js 1.8.3",
    affectedPackages: ranges([
      { ecosystem: "PyPI", name: "acme-archive", rangeType: "ECOSYSTEM", introduced: "2.0.0", fixed: "2.4.1" },
      { ecosystem: "npm", name: "acme-archive-js", rangeType: "SEMVER", introduced: "1.0.0", fixed: "1.8.3" },
      { ecosystem: "", name: "acme-archive", rangeType: "GIT", repo: "https://github.com/acme-demo/acme-archive", introduced: "3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345", fixed: "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b" },
    ]),
    references: [
      "advisory https://github.com/acme-demo/acme-archive/security/advisories/GHSA-demo-0001",
      "fix https://github.com/acme-demo/acme-archive/commit/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
      "package https://pypi.org/project/acme-archive/",
      "web https://github.com/acme-demo/acme-archive/releases/tag/2.4.1",
    ].join("\n"),
    cveIds: "CVE-2026-41001",
    cwe: "CWE-22",
    cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N",
    reporterCredit: "Jane Doe (Example Labs)",
    patchEmbargoed: "on",
    disclosureAt: inDays(5, now),
  }),
};

const PROTO: DemoNotice = {
  title: "Unbounded allocation in the message decoder",
  audience: ["Aurora Linux", "Cirrus Cloud", "Ember BSD", "Fjord Containers"],
  fields: (now) => ({
    summary: "A length prefix is trusted before the message arrives: a 10-byte message can make the decoder allocate 4 GiB.",
    description: "The decoder reserves the buffer a frame's length prefix announces before reading the frame. Any peer can exhaust the memory of a server that decodes its messages.",
    remediation: "Upgrade to acme-proto 0.9.4 (crates.io) or proto-go 1.3.2 (Go).",
    mitigation: "Limit the size of frames at the proxy in front of the service.",
    affectedVersions: "acme-proto 0.9.0 to 0.9.3; proto-go 1.2.0 to 1.3.1",
    fixedVersions: "acme-proto 0.9.4; proto-go 1.3.2",
    affectedPackages: ranges([
      { ecosystem: "crates.io", name: "acme-proto", rangeType: "SEMVER", introduced: "0.9.0", fixed: "0.9.4" },
      { ecosystem: "Go", name: "github.com/acme-demo/proto-go", rangeType: "SEMVER", introduced: "1.2.0", fixed: "1.3.2" },
      { ecosystem: "", name: "acme-proto", rangeType: "GIT", repo: "https://github.com/acme-demo/acme-proto", introduced: "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c", fixed: "c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0" },
    ]),
    references: ["fix https://github.com/acme-demo/acme-proto/commit/c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0", "package https://crates.io/crates/acme-proto", "article https://blog.example.org/2026/unbounded-allocation"].join("\n"),
    cveIds: "CVE-2026-41002",
    cwe: "CWE-789",
    cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N",
    reporterCredit: "Kim Lee",
    deployBeforeDisclosure: "on",
    disclosureAt: inDays(4, now),
  }),
};

const EMBARGOED: DemoNotice = {
  title: "Authentication bypass in the session cache",
  audience: ["Aurora Linux", "Bluefin OS", "Cirrus Cloud", "Ember BSD"],
  fields: (now) => ({
    summary: "A session evicted from the cache is accepted again when the cache is refilled from a stale replica.",
    description: "When the cache falls back to a replica that lags behind, a revoked session token is accepted until the replica catches up (up to the replication timeout, 5 minutes by default).",
    remediation: "Upgrade to acme-session 3.1.2, or apply the attached patch.",
    affectedVersions: "acme-session 3.0.0 to 3.1.1",
    fixedVersions: "acme-session 3.1.2",
    affectedPackages: ranges([{ ecosystem: "PyPI", name: "acme-session", rangeType: "ECOSYSTEM", introduced: "3.0.0", fixed: "3.1.2" }]),
    cveIds: "CVE-2026-41003",
    cwe: "CWE-613",
    severity: "HIGH",
    reporterCredit: "Sam Rivera",
    embargoNotes: "Do not push fixed packages to public mirrors before the date; private builds are fine.",
    disclosureAt: inDays(9, now),
  }),
};

const DRAFT: DemoNotice = {
  title: "Timing side channel in token comparison",
  audience: ["Aurora Linux", "Granite Enterprise Linux"],
  fields: (now) => ({
    summary: "API tokens are compared with ==, which leaks how many leading characters match.",
    description: "Still being confirmed with the reporter: the measured difference may be too small to exploit over a network.",
    severity: "LOW",
    disclosureAt: inDays(12, now),
  }),
};

const WITHDRAWN: DemoNotice = {
  title: "Denial of service in the config loader",
  audience: ["Aurora Linux", "Dune Packages"],
  fields: (now) => ({
    summary: "A deeply nested configuration file exhausts the stack.",
    severity: "MEDIUM",
    disclosureAt: inDays(7, now),
  }),
};

export const DEMO_TITLES = [ARCHIVE, PROTO, EMBARGOED, DRAFT, WITHDRAWN].map((n) => n.title);

const PATCH = (file: string, fix: string) =>
  new TextEncoder().encode(`From: Alice Okafor <alice@project.example>\nSubject: [PATCH] ${fix}\n\n--- a/${file}\n+++ b/${file}\n@@ -1,3 +1,5 @@\n+# ${fix}\n`);

type Seeder = {
  prisma: PrismaClient;
  maintainer: MaintainerViewer;
  now: Date;
};

async function vendorViewer(prisma: PrismaClient, email: string): Promise<VendorViewer> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, membership: { select: { isAdmin: true, organisation: { select: { id: true, name: true } } } } } });
  const org = user.membership!.organisation;
  return { kind: "vendor", userId: user.id, email: user.email, name: user.name, sessionId: "seed", secondFactor: false, totpEnrolled: false, organisationId: org.id, organisationName: org.name, orgAdmin: user.membership!.isAdmin };
}

async function draft(s: Seeder, demo: DemoNotice): Promise<{ id: string; fields: Raw }> {
  const orgs = await s.prisma.organisation.findMany({ where: { name: { in: demo.audience } }, select: { id: true } });
  const fields = { title: demo.title, ...demo.fields(s.now), audience: "SELECTED", organisationIds: orgs.map((o) => o.id) };
  const { id } = await createNoticeDraft(s.maintainer, NoticeDraftSchema.parse(fields), REQUEST);
  return { id, fields };
}

async function send(s: Seeder, demo: DemoNotice, patch?: { file: string; fix: string }): Promise<{ id: string; fields: Raw }> {
  const made = await draft(s, demo);
  if (patch) await addAttachment(s.maintainer, { noticeId: made.id, filename: `${patch.file.replace(/\W+/g, "-")}.patch`, bytes: PATCH(patch.file, patch.fix), public: true }, REQUEST);
  await sendNotice(s.maintainer, { noticeId: made.id, overrideReason: null }, REQUEST);
  return made;
}

/** Terms accepted, an acknowledgement and a feedback state from a member of each given organisation. */
async function respond(s: Seeder, noticeId: string, answers: Array<[string, "RECEIVED" | "INVESTIGATING" | "PATCH_TESTED_OK", string]>): Promise<void> {
  for (const [email, feedback, comment] of answers) {
    const member = await vendorViewer(s.prisma, email);
    await acceptNoticeTerms(member, noticeId, REQUEST);
    await acknowledgeNotice(member, noticeId, REQUEST);
    await updateRecipientStatus(member, { noticeId, feedback, statement: feedback === "PATCH_TESTED_OK" ? "AFFECTED" : null, comment }, REQUEST);
  }
}

const MAKERS: Record<string, (s: Seeder) => Promise<void>> = {
  [ARCHIVE.title]: async (s) => {
    const { id } = await send(s, ARCHIVE, { file: "acme_archive/extract.py", fix: "extract: refuse member names outside the target" });
    await respond(s, id, [
      ["mira@aurora-linux.example", "PATCH_TESTED_OK", "Backported to 2.2 for our LTS."],
      ["hana@emberbsd.example", "RECEIVED", ""],
    ]);
    await endEmbargoNow(s.maintainer, { noticeId: id, reason: "The fix was released upstream; the embargo ended with it." }, REQUEST);
  },
  [PROTO.title]: async (s) => {
    const { id } = await send(s, PROTO, { file: "src/decoder.rs", fix: "decoder: cap the reservation at the frame limit" });
    await respond(s, id, [["sam@cirrus-cloud.example", "PATCH_TESTED_OK", "Deployed to our managed service."]]);
    await endEmbargoNow(s.maintainer, { noticeId: id, reason: "All addressed vendors shipped; disclosed ahead of the date." }, REQUEST);
  },
  [EMBARGOED.title]: async (s) => {
    const { id, fields } = await send(s, EMBARGOED, { file: "acme_session/cache.py", fix: "cache: never refill from a lagging replica" });
    await respond(s, id, [
      ["mira@aurora-linux.example", "PATCH_TESTED_OK", "Patch applies cleanly to 3.0 and 3.1."],
      ["sam@cirrus-cloud.example", "INVESTIGATING", "Checking our replica configuration."],
    ]);
    // Bluefin OS accepted the terms but has not acknowledged yet; Ember BSD has done nothing (a silent organisation).
    await acceptNoticeTerms(await vendorViewer(s.prisma, "ines@bluefin.example"), id, REQUEST);
    const sam = await vendorViewer(s.prisma, "sam@cirrus-cloud.example");
    await postVendorMessage(sam, { noticeId: id, body: "Our replicas lag by up to 30 s. Is a shorter window still exploitable?" }, REQUEST);
    const recipient = await s.prisma.noticeRecipient.findFirstOrThrow({ where: { noticeId: id, organisationId: sam.organisationId }, select: { id: true } });
    await postMaintainerMessage(s.maintainer, { noticeId: id, recipientId: recipient.id, body: "Yes: any lag lets a revoked session through for that long. The patch closes it entirely." }, REQUEST);
    await reviseNotice(s.maintainer, { noticeId: id, changeNote: "Named the default replication timeout in the summary.", fields: NoticeDraftSchema.parse({ ...fields, summary: `${String(fields.summary)} The default replication timeout is 5 minutes.` }) }, REQUEST);
    await changeDisclosureDate(s.maintainer, { noticeId: id, disclosureAt: new Date(inDays(10, s.now)), changeNote: "One more day for vendors with weekly release trains.", overrideReason: null }, REQUEST);
  },
  [DRAFT.title]: async (s) => {
    await draft(s, DRAFT);
  },
  [WITHDRAWN.title]: async (s) => {
    const { id } = await send(s, WITHDRAWN);
    await withdrawNotice(s.maintainer, { noticeId: id, reason: "Not a vulnerability: the configuration file is trusted input." }, REQUEST);
  },
};

/** Creates the demo notices that do not exist yet; returns how many it created. */
export async function seedDemoNotices(prisma: PrismaClient, maintainerEmail: string): Promise<number> {
  const existing = new Set((await prisma.notice.findMany({ where: { title: { in: DEMO_TITLES } }, select: { title: true } })).map((n) => n.title));
  const missing = DEMO_TITLES.filter((t) => !existing.has(t));
  if (missing.length === 0) return 0;
  const user = await prisma.user.findUniqueOrThrow({ where: { email: maintainerEmail }, select: { id: true, email: true, name: true } });
  const s: Seeder = { prisma, now: new Date(), maintainer: { kind: "maintainer", userId: user.id, email: user.email, name: user.name, sessionId: "seed", secondFactor: true, totpEnrolled: true } };
  for (const title of missing) await MAKERS[title]!(s);
  return missing.length;
}
