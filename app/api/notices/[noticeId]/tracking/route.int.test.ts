// The tracking CSV through its route handler: maintainers get an attachment that is never cached, with formulas
// neutralised; everyone else gets a 404 that names nothing.
import { beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";
import { createNoticeDraft, sendNotice } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";

const session = vi.hoisted(() => ({ viewer: { kind: "anonymous" } as Viewer }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer, getRequestInfo: async () => ({ ip: null, userAgent: null }) }));

const { GET } = await import("./route");
const request = { ip: "192.0.2.1", userAgent: "vitest" };
const get = (noticeId: string) => GET(new Request(`http://localhost/api/notices/${noticeId}/tracking`), { params: Promise.resolve({ noticeId }) });

describeEachDatabase("tracking CSV route", (db) => {
  beforeEach(() => {
    session.viewer = ANONYMOUS;
  });

  it("exports the matrix to maintainers only", async () => {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = await db.client.organisation.create({ data: { name: "=HYPERLINK(\"http://evil.example\")", status: "ACTIVE" } });
    const u = await db.client.user.create({ data: { email: "ann@evil.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    const { id, reference } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Secret title", disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString() }), request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);

    session.viewer = m;
    const ok = await get(id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="forewarn-${reference}-tracking-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const lines = (await ok.text()).split("\r\n");
    expect(lines[0]).toBe("organisation,notified_at,first_viewed_at,terms_accepted_at,acknowledged_at,acknowledged_by,feedback,statement,statement_comment,reminders,emails,delivered,bounced,failed,added_by,add_reason,removed_at,removed_by,remove_reason");
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);

    for (const viewer of [ANONYMOUS, vendor(u, org), { ...m, secondFactor: false }] as Viewer[]) {
      session.viewer = viewer;
      const refused = await get(id);
      expect(refused.status).toBe(404);
      const body = await refused.text();
      expect(body).not.toMatch(/Secret|HYPERLINK|FW-/);
    }
    session.viewer = m;
    expect((await get("no-such-notice")).status).toBe(404);
  });
});
