// Issue 15: the other whole-list notifications — a date change, a revision, the disclosure ("End embargo now") and a
// withdrawal — each of a notice embargoed with every seeded organisation as a recipient (written by SQL: the send is
// measured on its own), quiet and again beside a CPU hog. The change returns once its state and its owed
// notification have committed; its emails are then queued by the "notice.notify-chunk" jobs and sent by the workers.
// Measured until every email of it reached the fake Resend: the longest transaction of this process meanwhile (the
// change's, the chunks', the workers'), emails, provider calls, duplicate deliveries and wall time.
import type { FakeResend } from "../test/fake-resend.ts";
import { printTable, type Row } from "./report.ts";
import { startCpuHog, type TransactionTimes } from "./transaction-timer.ts";

type Kind = "date-changed" | "revised" | "disclosed" | "withdrawn";
const KINDS: Kind[] = ["date-changed", "revised", "disclosed", "withdrawn"];
const LONGEST_MS = 1_000;

export type NotificationFigures = {
  kind: Kind;
  hog: boolean;
  change_ms: number;
  emails: number;
  messages_received: number;
  api_calls: number;
  duplicates: number;
  longest_transaction_ms: number;
  longest_transaction_at: string;
  longest_transaction_seen_by_postgresql_ms: number | null;
  wall_ms: number;
  failed: string | null;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (error: unknown) => (error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1)!.slice(0, 160) : String(error));

export async function measureNotifications(
  fake: FakeResend,
  times: TransactionTimes,
  watch: { reset(): void; longest(): number } | null,
  opts: { organisations: number; contacts: number; hog: boolean; timeoutMs: number },
): Promise<{ ok: boolean; fields: NotificationFigures[] }> {
  const { getDb } = await import("@/lib/server/db/client");
  const { changeDisclosureDate, createNoticeDraft, reviseNotice } = await import("@/lib/notices/data");
  const { endEmbargoNow, withdrawNotice } = await import("@/lib/advisories/data");
  const { NoticeDraftSchema } = await import("@/lib/notices/schemas");
  const { maintainer } = await import("../test/viewers.ts");
  const prisma = getDb();
  const m = maintainer(await prisma.user.upsert({ where: { email: "bench-notifier@project.example" }, create: { email: "bench-notifier@project.example", role: "MAINTAINER", status: "ACTIVE" }, update: {} }));
  const request = { ip: "192.0.2.2", userAgent: "bench" };
  const draftInput = { title: "Bench notification", summary: "A crafted header overflows.", disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString() };

  /** A notice embargoed with the first `organisations` seeded organisations as recipients, by SQL (not timed). */
  async function embargoed(): Promise<string> {
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse(draftInput), request);
    await prisma.$executeRaw`UPDATE "Notice" SET state = 'EMBARGOED', "sentAt" = now() WHERE id = ${id}`;
    await prisma.$executeRaw`
      INSERT INTO "NoticeRecipient" (id, "noticeId", "organisationId", "notifiedAt")
      SELECT gen_random_uuid()::text, ${id}, o.id, now() FROM "Organisation" o WHERE o.id LIKE 'bench-org-%' ORDER BY o.id LIMIT ${opts.organisations}`;
    return id;
  }

  function change(kind: Kind, noticeId: string): Promise<unknown> {
    if (kind === "date-changed") return changeDisclosureDate(m, { noticeId, disclosureAt: new Date(Date.now() + 6 * 86_400_000), changeNote: "Moved by a day.", overrideReason: null }, request);
    if (kind === "revised") return reviseNotice(m, { noticeId, changeNote: "Summary clarified.", fields: NoticeDraftSchema.parse({ ...draftInput, summary: "A crafted header overflows the parser." }) }, request);
    if (kind === "disclosed") return endEmbargoNow(m, { noticeId, reason: "Exploited in the wild." }, request);
    return withdrawNotice(m, { noticeId, reason: "Not a real issue." }, request);
  }

  async function run(kind: Kind, hog: boolean): Promise<NotificationFigures> {
    const noticeId = await embargoed();
    const purpose = `notice.${kind}`;
    const [calls, received] = [fake.calls, fake.messages.length];
    times.reset();
    watch?.reset();
    const spinning = hog ? startCpuHog() : null;
    try {
      const start = performance.now();
      const failed = await change(kind, noticeId).then(() => null, errorText);
      const changeMs = Math.round(performance.now() - start);
      const where = { dispatch: { topic: `notice:${noticeId}`, purpose } };
      while (!failed && performance.now() - start < opts.timeoutMs) {
        const owed = await prisma.noticeNotification.count({ where: { noticeId, finishedAt: null } });
        if (owed === 0 && (await prisma.outboxEmail.count({ where: { ...where, status: "QUEUED" } })) === 0) break;
        await sleep(100);
      }
      const wallMs = Math.round(performance.now() - start);
      const subjects = new Set((await prisma.outboxEmail.findMany({ where, distinct: ["subject"], select: { subject: true } })).map((e) => e.subject));
      const mine = fake.messages.slice(received).filter((e) => subjects.has(e.subject));
      const perAddress = new Map<string, number>();
      for (const e of mine) for (const to of e.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      return {
        kind,
        hog,
        change_ms: changeMs,
        emails: await prisma.outboxEmail.count({ where }),
        messages_received: mine.length,
        api_calls: fake.calls - calls,
        duplicates: [...perAddress.values()].filter((c) => c > 1).length,
        longest_transaction_ms: times.longest(),
        longest_transaction_at: times.longestAt(),
        longest_transaction_seen_by_postgresql_ms: watch ? watch.longest() : null,
        wall_ms: wallMs,
        failed,
      };
    } finally {
      spinning?.stop();
    }
  }

  // Each printed as soon as it is measured: a long run shows what it has so far.
  const all: NotificationFigures[] = [];
  let ok = true;
  for (const hog of opts.hog ? [false, true] : [false]) {
    for (const kind of KINDS) {
      const f = await run(kind, hog);
      all.push(f);
      ok = report(f) && ok;
    }
  }
  return { ok, fields: all };

  function report(f: NotificationFigures): boolean {
    const t = {
      complete: { ok: !f.failed && f.emails === opts.contacts && f.messages_received === opts.contacts, rule: `${opts.contacts} written and received` },
      apiCalls: { ok: f.api_calls <= Math.ceil(opts.contacts / 100), rule: `≤ ${Math.ceil(opts.contacts / 100)}` },
      duplicates: { ok: f.duplicates === 0, rule: "== 0" },
      longest: { ok: f.longest_transaction_ms <= LONGEST_MS, rule: `≤ ${LONGEST_MS}` },
    };
    const rows: Row[] = [
      ["emails written / received", `${f.emails} / ${f.messages_received}`, t.complete],
      ["api_calls", f.api_calls, t.apiCalls],
      ["duplicates", f.duplicates, t.duplicates],
      ["longest_transaction_ms", f.longest_transaction_ms, t.longest],
      ["  the longest opened at", f.longest_transaction_at.replace(/^at /, "").replace(`file://${process.cwd()}/`, "").slice(0, 100)],
      ["  longest seen by PostgreSQL (sampled)", f.longest_transaction_seen_by_postgresql_ms ?? "n/a"],
      ["the change returned after (ms)", f.change_ms],
      ["wall_ms (until every email was sent)", f.wall_ms],
      ["failed", f.failed ?? "no"],
    ];
    printTable(`fanout — ${f.kind} notification to ${opts.organisations} organisations${f.hog ? " beside a CPU hog" : ""}`, rows);
    return Object.values(t).every((v) => v.ok);
  }
}
