// The two-person rule when things go wrong, on PGlite and PostgreSQL: break-glass commits the end of the embargo, its
// mark, its audit event and its emails together or not at all; a request left EXECUTING by a crash is closed with a
// reason; a maintainer who is removed (or stops being one otherwise) takes their open requests with them.
import { beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import type { MaintainerViewer, Viewer } from "@/lib/server/viewer-types";
import { stopJobEngine } from "@/lib/jobs/engine";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => session.viewer,
  getRequestInfo: async () => ({ ip: "192.0.2.14", userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("redirect"), { digest: `NEXT_REDIRECT;replace;${url};307;`, url });
  },
}));

const noticeActions = await import("@/lib/notices/actions");
const approvalActions = await import("./actions");
const { createNoticeDraft, getNotice, sendNotice } = await import("@/lib/notices/data");
const { NoticeDraftSchema } = await import("@/lib/notices/schemas");
const { listApprovalRequests, sweepApprovalRequests } = await import("./data");
const { removeMaintainer } = await import("@/lib/directory/data");
const { JOB_HANDLERS } = await import("@/lib/composition/job-handlers");

const request = { ip: "192.0.2.14", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000);

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  f.append("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function as<T>(viewer: Viewer, run: () => Promise<T>): Promise<T> {
  session.viewer = viewer;
  return run();
}

describeEachDatabase("two-person rule: failures and departures", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world() {
    const mk = async (email: string) => maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } }));
    const a = await mk("recover-a@project.example");
    const b = await mk("recover-b@project.example");
    const c = await mk("recover-c@project.example");
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE", roleAddress: "security@acme.example" } });
    await db.client.user.create({ data: { email: "ann@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    return { a, b, c, org };
  }

  async function draft(m: MaintainerViewer, orgId: string) {
    return createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Secret details", disclosureAt: inDays(5).toISOString(), audience: "SELECTED", organisationIds: [orgId] }), request);
  }

  async function embargoed(m: MaintainerViewer, orgId: string) {
    const n = await draft(m, orgId);
    await sendNotice(m, { noticeId: n.id, overrideReason: null }, request);
    return n;
  }

  async function fileSend(m: MaintainerViewer, orgId: string) {
    const n = await draft(m, orgId);
    expect(await as(m, () => noticeActions.sendNoticeAction(null, form({ noticeId: n.id, approvalReason: "Fix is ready." })))).toMatchObject({ ok: true });
    return { notice: n, request: await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "notice.send", targetId: n.id } }) };
  }

  it("break-glass is atomic: when its record cannot be written, the embargo does not end and nobody is emailed", async () => {
    const w = await world();
    const n = await embargoed(w.a, w.org.id);
    const dispatches = await db.client.mailDispatch.count();
    // The last step of the break-glass (its request row) fails, as a full disk or a lost connection would.
    await db.client.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_refuse_approval() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await db.client.$executeRawUnsafe(`CREATE TRIGGER test_refuse_approval BEFORE INSERT ON "ApprovalRequest" FOR EACH ROW EXECUTE FUNCTION test_refuse_approval()`);
    try {
      const failed = await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "Exploited in the wild.", breakGlass: "on", breakGlassReason: "Active exploitation reported by CERT." })));
      expect(failed).toMatchObject({ ok: false });
    } finally {
      await db.client.$executeRawUnsafe(`DROP TRIGGER test_refuse_approval ON "ApprovalRequest"`);
      await db.client.$executeRawUnsafe(`DROP FUNCTION test_refuse_approval()`);
    }
    expect((await getNotice(w.a, n.id)).state).toBe("EMBARGOED");
    expect(await db.client.approvalRequest.count()).toBe(0);
    expect(await db.client.mailDispatch.count()).toBe(dispatches);
    expect(await db.client.auditEvent.count({ where: { action: { in: ["notice.disclosed", "approval.break-glass"] } } })).toBe(0);

    // The same break-glass, nothing failing: everything at once, in one transaction.
    const done = await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "Exploited in the wild.", breakGlass: "on", breakGlassReason: "Active exploitation reported by CERT." })));
    expect(done).toMatchObject({ ok: true });
    expect((await getNotice(w.a, n.id)).state).toBe("DISCLOSED");
    expect(await db.client.approvalRequest.findFirstOrThrow()).toMatchObject({ breakGlass: true, status: "EXECUTED", outcome: expect.stringMatching(/embargo has ended/) });
    expect(await db.client.outboxEmail.count({ where: { dispatch: { purpose: "approval.break-glass" } } })).toBe(3);
    const events = await db.client.auditEvent.findMany({ where: { action: { in: ["notice.disclosed", "approval.break-glass"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["notice.disclosed", "approval.break-glass"]);
  });

  it("break-glass refused by the action itself (no longer embargoed): no record, no email", async () => {
    const w = await world();
    const n = await embargoed(w.a, w.org.id);
    await db.client.notice.update({ where: { id: n.id }, data: { state: "WITHDRAWN" } });
    expect(await as(w.a, () => noticeActions.endEmbargoAction(null, form({ noticeId: n.id, reason: "x", breakGlass: "on", breakGlassReason: "Exploited." })))).toMatchObject({ ok: false });
    expect(await db.client.approvalRequest.count()).toBe(0);
    expect(await db.client.mailDispatch.count({ where: { purpose: "approval.break-glass" } })).toBe(0);
  });

  it("a request left EXECUTING by a crash is closed FAILED with a reason on the next read (and by the sweep job); a running one is left alone", async () => {
    const w = await world();
    const stuck = await fileSend(w.a, w.org.id);
    const running = await fileSend(w.a, w.org.id);
    // As approveRequest leaves them when the process dies after the approval committed: EXECUTING, decided at...
    await db.client.approvalRequest.update({ where: { id: stuck.request.id }, data: { status: "EXECUTING", decidedById: w.b.userId, decidedByEmail: w.b.email, decidedAt: new Date(Date.now() - 16 * 60_000) } });
    await db.client.approvalRequest.update({ where: { id: running.request.id }, data: { status: "EXECUTING", decidedById: w.b.userId, decidedByEmail: w.b.email, decidedAt: new Date(Date.now() - 60_000) } });
    const { open, done } = await listApprovalRequests(w.c);
    expect(open.map((r) => r.id)).toEqual([running.request.id]);
    expect(done.find((r) => r.id === stuck.request.id)).toMatchObject({ status: "FAILED", outcome: expect.stringMatching(/^Interrupted: .*will not run again/) });
    expect(await db.client.auditEvent.findMany({ where: { action: "approval.interrupted" }, select: { details: true } })).toEqual([{ details: { requestId: stuck.request.id, kind: "notice.send" } }]);
    // Nobody can approve it again: it never runs twice.
    expect(await as(w.c, () => approvalActions.approveRequestAction(null, form({ requestId: stuck.request.id })))).toMatchObject({ ok: false });
    expect((await getNotice(w.a, stuck.notice.id)).state).toBe("DRAFT");

    // The hourly sweep job does the same without anybody reading.
    await db.client.approvalRequest.update({ where: { id: running.request.id }, data: { decidedAt: new Date(Date.now() - 20 * 60_000) } });
    await JOB_HANDLERS["retention.sweep"]({} as never);
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: running.request.id } })).status).toBe("FAILED");
    expect(await db.client.auditEvent.count({ where: { action: "approval.interrupted" } })).toBe(2);
    expect(await sweepApprovalRequests()).toBe(0);
  });

  it("a slow execution that the sweep closed meanwhile still ends as what happened", async () => {
    const w = await world();
    const { notice, request: r } = await fileSend(w.a, w.org.id);
    const { approveRequest } = await import("./data");
    const { APPROVAL_HANDLERS } = await import("@/lib/composition/approval-handlers");
    const send = APPROVAL_HANDLERS["notice.send"]!;
    const original = send.execute;
    // The execution takes "too long": the sweep runs in the middle of it (as if 20 minutes had passed).
    send.execute = async (...args) => {
      await sweepApprovalRequests(new Date(Date.now() + 20 * 60_000));
      return original(...args);
    };
    try {
      await approveRequest(w.b, { requestId: r.id }, APPROVAL_HANDLERS, request);
    } finally {
      send.execute = original;
    }
    expect((await getNotice(w.a, notice.id)).state).toBe("EMBARGOED");
    expect(await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "EXECUTED" });
  });

  it("removing a maintainer voids their open requests in the same transaction, saying why", async () => {
    const w = await world();
    const { request: r } = await fileSend(w.a, w.org.id);
    const { request: others } = await fileSend(w.c, w.org.id);
    await removeMaintainer(w.b, w.a.userId, request);
    expect(await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "VOID", outcome: expect.stringMatching(/no longer an active maintainer/) });
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: others.id } })).status).toBe("PENDING");
    const events = await db.client.auditEvent.findMany({ where: { action: { in: ["directory.maintainer.removed", "approval.void"] } }, orderBy: { seq: "asc" }, select: { action: true, details: true } });
    expect(events).toEqual([
      { action: "approval.void", details: { requestId: r.id, kind: "notice.send", why: "requester-gone" } },
      { action: "directory.maintainer.removed", details: { email: w.a.email } },
    ]);
    expect(await as(w.b, () => approvalActions.approveRequestAction(null, form({ requestId: r.id })))).toMatchObject({ ok: false, error: expect.stringMatching(/void/) });
    expect(await db.client.mailDispatch.count({ where: { purpose: "notice.sent" } })).toBe(0);
  });

  it("a requester who stopped being an active maintainer another way: voided at approval, and by the sweep", async () => {
    const w = await world();
    const { request: first } = await fileSend(w.a, w.org.id);
    const { request: second } = await fileSend(w.a, w.org.id);
    await db.client.user.update({ where: { id: w.a.userId }, data: { status: "SUSPENDED" } });
    expect(await as(w.b, () => approvalActions.approveRequestAction(null, form({ requestId: first.id })))).toMatchObject({ ok: false, error: expect.stringMatching(/no longer an active maintainer/) });
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("VOID");
    expect(await db.client.mailDispatch.count({ where: { purpose: "notice.sent" } })).toBe(0);
    expect(await sweepApprovalRequests()).toBe(1);
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("VOID");
  });
});
