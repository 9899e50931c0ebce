// The directory export under the two-person rule, on PGlite and PostgreSQL: when covered, the export button files a
// request (with why, and a preview of the columns and how many organisations); once another maintainer approves, the
// requester alone downloads it, once, within the hour, each step a linked audit event. When not covered, unchanged.
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

const directoryActions = await import("@/lib/directory/actions");
const approvalActions = await import("./actions");
const { exportDirectoryCsv } = await import("@/lib/directory/data");
const { getApprovalRequest, saveApprovalSettings } = await import("./data");
const { GET: exportRoute } = await import("@/app/api/directory/export/route");

const request = { ip: "192.0.2.14", userAgent: "vitest" };

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

describeEachDatabase("two-person rule: exporting the directory", (db) => {
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world(covered: boolean) {
    const mk = async (email: string) => maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } }));
    const a = await mk("export-a@project.example");
    const b = await mk("export-b@project.example");
    const c = await mk("export-c@project.example");
    for (const [name, status] of [["Acme", "ACTIVE"], ["Globex", "ACTIVE"], ["Initech", "INVITED"]] as const) {
      const o = await db.client.organisation.create({ data: { name, status, roleAddress: `security@${name.toLowerCase()}.example` } });
      await db.client.user.create({ data: { email: `ann@${name.toLowerCase()}.example`, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
    }
    await saveApprovalSettings(a, { covered: covered ? ["directory.export"] : ["notice.send"], expiryHours: 24 }, request);
    return { a, b, c };
  }

  const download = (m: Viewer, requestId?: string) => as(m, async () => exportRoute(new Request(`http://localhost/api/directory/export${requestId === undefined ? "" : `?request=${requestId}`}`)));
  async function fileAndApprove(w: { a: MaintainerViewer; b: MaintainerViewer }) {
    expect(await as(w.a, () => directoryActions.requestDirectoryExportAction(null, form({ approvalReason: "Yearly review of the list with the board." })))).toMatchObject({ ok: true, message: expect.stringMatching(/second maintainer's approval/) });
    const r = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "directory.export", status: "PENDING" }, orderBy: { createdAt: "desc" } });
    expect(await as(w.b, () => approvalActions.approveRequestAction(null, form({ requestId: r.id })))).toMatchObject({ ok: true, message: expect.stringMatching(/can download the export once/) });
    return r;
  }

  it("not covered: the export downloads at once, as before, and nothing is filed", async () => {
    const w = await world(false);
    const res = await download(w.a);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Acme[\s\S]*Globex[\s\S]*Initech/);
    expect(await db.client.approvalRequest.count()).toBe(0);
    expect(await db.client.auditEvent.count({ where: { action: "directory.exported" } })).toBe(1);
  });

  it("covered: filed with a preview, approved by another, downloaded by the requester alone, once; linked in the audit log", async () => {
    const w = await world(true);
    // The plain download is refused while covered: no file, no export event.
    const plain = await download(w.a);
    expect(plain.status).toBe(409);
    expect(await plain.text()).toMatch(/needs a second maintainer's approval/);
    await expect(exportDirectoryCsv(w.a, request)).rejects.toThrow(/needs a second maintainer's approval/);
    // No reason: nothing filed.
    expect(await as(w.a, () => directoryActions.requestDirectoryExportAction(null, form({})))).toMatchObject({ ok: false, fieldErrors: { approvalReason: expect.any(Array) } });
    expect(await db.client.approvalRequest.count()).toBe(0);

    expect(await as(w.a, () => directoryActions.requestDirectoryExportAction(null, form({ approvalReason: "Yearly review of the list with the board." })))).toMatchObject({ ok: true });
    const r = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "directory.export" } });
    const view = await getApprovalRequest(w.b, r.id);
    expect(view.preview.lines.join("\n")).toMatch(/3 organisations \(2 active, 1 invited\) and 3 people/);
    expect(view.preview.lines.join("\n")).toMatch(/Columns: organisation, organisation_status, role_address/);
    expect(view.collect).toBeNull();
    // Not approved yet: the requester cannot download it.
    expect((await download(w.a, r.id)).status).toBe(409);
    expect(await as(w.a, () => approvalActions.approveRequestAction(null, form({ requestId: r.id })))).toMatchObject({ ok: false, error: expect.stringMatching(/another maintainer/) });
    expect(await as(w.b, () => approvalActions.approveRequestAction(null, form({ requestId: r.id })))).toMatchObject({ ok: true });

    // Only the requester sees the link; the approver and a third maintainer get 404 for the download.
    expect((await getApprovalRequest(w.a, r.id)).collect).toMatchObject({ href: `/api/directory/export?request=${r.id}` });
    expect((await getApprovalRequest(w.b, r.id)).collect).toBeNull();
    expect((await download(w.b, r.id)).status).toBe(404);
    expect((await download(w.c, r.id)).status).toBe(404);
    expect((await download({ ...w.a, secondFactor: false }, r.id)).status).toBe(404);
    const first = await download(w.a, r.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-disposition")).toMatch(/attachment/);
    expect(await first.text()).toMatch(/ann@acme\.example[\s\S]*ann@globex\.example/);
    // Once only.
    const again = await download(w.a, r.id);
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/already downloaded/);
    expect((await getApprovalRequest(w.a, r.id)).collect).toBeNull();
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).collectedAt).toBeInstanceOf(Date);

    const events = await db.client.auditEvent.findMany({ where: { action: { in: ["approval.requested", "approval.approved", "approval.executed", "approval.collected", "directory.exported"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["approval.requested", "approval.approved", "approval.executed", "approval.collected", "directory.exported"]);
    expect(events.every((e) => (e.details as { requestId?: string }).requestId === r.id)).toBe(true);
    expect(events.at(-1)!.actorId).toBe(w.a.userId);
  });

  it("the download window closes an hour after the approval", async () => {
    const w = await world(true);
    const r = await fileAndApprove(w);
    await db.client.approvalRequest.update({ where: { id: r.id }, data: { executedAt: new Date(Date.now() - 3_600_000 - 1_000) } });
    const late = await download(w.a, r.id);
    expect(late.status).toBe(409);
    expect(await late.text()).toMatch(/time to download this approved export has passed/);
    expect(await db.client.auditEvent.count({ where: { action: "directory.exported" } })).toBe(0);
  });

  it("an organisation added after the request voids it; added after the approval, the download is refused", async () => {
    const w = await world(true);
    await as(w.a, () => directoryActions.requestDirectoryExportAction(null, form({ approvalReason: "Review." })));
    const r = await db.client.approvalRequest.findFirstOrThrow({ where: { kind: "directory.export" } });
    await db.client.organisation.create({ data: { name: "Umbrella", status: "ACTIVE" } });
    expect(await as(w.b, () => approvalActions.approveRequestAction(null, form({ requestId: r.id })))).toMatchObject({ ok: false, error: expect.stringMatching(/changed after it was made/) });
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("VOID");

    const approved = await fileAndApprove(w);
    await db.client.organisation.updateMany({ where: { name: "Umbrella" }, data: { status: "SUSPENDED" } });
    const changed = await download(w.a, approved.id);
    expect(changed.status).toBe(409);
    expect(await changed.text()).toMatch(/organisations changed since this export was approved/);
    // Refused whole: the approval was not used up by the refusal, nothing was exported.
    expect((await db.client.approvalRequest.findUniqueOrThrow({ where: { id: approved.id } })).collectedAt).toBeNull();
    expect(await db.client.auditEvent.count({ where: { action: { in: ["directory.exported", "approval.collected"] } } })).toBe(0);
  });

  it("two downloads at once: one file", async () => {
    const w = await world(true);
    const r = await fileAndApprove(w);
    const both = await Promise.all([download(w.a, r.id), download(w.a, r.id)]);
    expect(both.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(await db.client.auditEvent.count({ where: { action: "directory.exported" } })).toBe(1);
  });
});
