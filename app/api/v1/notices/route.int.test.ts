// The JSON API and the calendar feed through their route handlers: what a script or a calendar app actually receives
// (status, headers, body) for the entitled member and for everyone else, and that every call is audited.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { acceptNoticeTerms, createNoticeDraft, sendNotice } from "@/lib/notices/data";
import { endEmbargoNow } from "@/lib/advisories/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { createApiToken, revokeApiToken, rotateCalendarFeed } from "@/lib/tokens/data";
import { CreateApiTokenSchema } from "@/lib/tokens/schemas";
import { GET as list } from "./route";
import { GET as detail } from "./[noticeId]/route";
import { GET as csaf } from "./[noticeId]/csaf.json/route";
import { GET as calendar } from "../../../calendar/[file]/route";

const request = { ip: "192.0.2.70", userAgent: "vitest" };
const TITLE = "Matrix overflow in the frobnicator";
const headers = (authorization?: string): HeadersInit => ({ [CLIENT_IP_HEADER]: "192.0.2.70", ...(authorization ? { authorization } : {}) });
const getList = (authorization?: string) => list(new Request("http://localhost/api/v1/notices", { headers: headers(authorization) }));
const getDetail = (noticeId: string, authorization?: string) =>
  detail(new Request(`http://localhost/api/v1/notices/${noticeId}`, { headers: headers(authorization) }), { params: Promise.resolve({ noticeId }) });

describeEachDatabase("JSON API and calendar routes", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const member = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      return vendor(await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } }), o);
    };
    const ann = await member("Acme", "ann@acme.example");
    const gus = await member("Globex", "gus@globex.example");
    const draft = NoticeDraftSchema.parse({ title: TITLE, description: "Secret details", disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: [ann.organisationId] });
    const notice = await createNoticeDraft(m, draft, request);
    await sendNotice(m, { noticeId: notice.id, overrideReason: null }, request);
    const token = async (who: typeof ann) => `Bearer ${(await createApiToken(who, CreateApiTokenSchema.parse({ label: "script" }), request)).secret}`;
    return { m, ann, gus, notice, annToken: await token(ann), gusToken: await token(gus) };
  }

  it("the addressed member's token lists the notice, reads it after the terms; everyone else gets a 404 that names nothing", async () => {
    const w = await world();
    const listed = await getList(w.annToken);
    expect(listed.status).toBe(200);
    expect(listed.headers.get("cache-control")).toBe("no-store");
    const body = (await listed.json()) as { notices: Array<Record<string, unknown>> };
    expect(body.notices).toEqual([expect.objectContaining({ id: w.notice.id, reference: w.notice.reference, state: "EMBARGOED", acknowledged: false, termsAccepted: false })]);
    expect(JSON.stringify(body)).not.toContain(TITLE);

    // The API does not get round the embargo terms: 409 until accepted in the portal.
    const before = await getDetail(w.notice.id, w.annToken);
    expect(before.status).toBe(409);
    const beforeText = await before.text();
    expect(beforeText).toContain("Accept the embargo terms");
    expect(beforeText).not.toContain(TITLE);
    await acceptNoticeTerms(w.ann, w.notice.id, request);
    const after = await getDetail(w.notice.id, w.annToken);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ title: TITLE, description: "Secret details", organisation: { acknowledgedAt: null } });

    const notFound = await (await getDetail("no-such-notice", w.annToken)).text();
    const refusals: Array<[string, Response]> = [
      ["other organisation", await getDetail(w.notice.id, w.gusToken)],
      ["unknown token", await getDetail(w.notice.id, `Bearer fwt_${"Q".repeat(43)}`)],
      ["malformed token", await getDetail(w.notice.id, "Bearer hello")],
      ["session-style cookie only", await detail(new Request(`http://localhost/api/v1/notices/${w.notice.id}`, { headers: { cookie: "next-auth.session-token=x" } }), { params: Promise.resolve({ noticeId: w.notice.id }) })],
    ];
    for (const [label, response] of refusals.slice(0, 3)) {
      expect(response.status, label).toBe(404);
      expect(await response.text(), label).toBe(notFound);
    }
    const anonymous = refusals[3]![1];
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="forewarn"');
    expect(await anonymous.text()).not.toContain(TITLE);
    expect(((await (await getList(w.gusToken)).json()) as { notices: unknown[] }).notices).toEqual([]);
  });

  it("a revoked or expired token, and a suspended member's, get the same 404 from the next call on; each use is audited", async () => {
    const w = await world();
    expect((await getList(w.annToken)).status).toBe(200);
    const [token] = await db.client.apiToken.findMany({ where: { userId: w.ann.userId }, select: { id: true } });
    await revokeApiToken(w.ann, token!.id, request);
    expect((await getList(w.annToken)).status).toBe(404);
    expect((await getDetail(w.notice.id, w.annToken)).status).toBe(404);

    await db.client.apiToken.updateMany({ where: { userId: w.gus.userId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await getList(w.gusToken)).status).toBe(404);

    const fresh = `Bearer ${(await createApiToken(w.ann, CreateApiTokenSchema.parse({ label: "again" }), request)).secret}`;
    expect((await getList(fresh)).status).toBe(200);
    await db.client.user.update({ where: { id: w.ann.userId }, data: { status: "SUSPENDED" } });
    expect((await getList(fresh)).status).toBe(404);

    const used = await db.client.auditEvent.findMany({ where: { action: "api.token.used" }, select: { actorEmail: true, ipAddress: true, details: true } });
    expect(used).toEqual([
      { actorEmail: "ann@acme.example", ipAddress: "192.0.2.70", details: expect.objectContaining({ route: "GET /api/v1/notices", status: 200 }) },
      { actorEmail: "ann@acme.example", ipAddress: "192.0.2.70", details: expect.objectContaining({ route: "GET /api/v1/notices", status: 200 }) },
    ]);
  });

  it("the CSAF route: AMBER for the addressed member after the terms, CLEAR once disclosed, 404 for anyone else", async () => {
    const w = await world();
    const getCsaf = (authorization?: string) =>
      csaf(new Request(`http://localhost/api/v1/notices/${w.notice.id}/csaf.json`, { headers: headers(authorization) }), { params: Promise.resolve({ noticeId: w.notice.id }) });
    expect((await getCsaf(w.annToken)).status).toBe(409);
    await acceptNoticeTerms(w.ann, w.notice.id, request);
    const amber = await getCsaf(w.annToken);
    expect(amber.status).toBe(200);
    expect(amber.headers.get("cache-control")).toBe("no-store");
    const doc = (await amber.json()) as { document: { distribution: { tlp: { label: string } }; tracking: { status: string } } };
    expect(doc.document.distribution.tlp.label).toBe("AMBER");
    expect(JSON.stringify(doc)).not.toContain("Globex");
    expect((await getCsaf(w.gusToken)).status).toBe(404);
    expect((await getCsaf()).status).toBe(401);
    await endEmbargoNow(w.m, { noticeId: w.notice.id, reason: "Published" }, request);
    const clear = (await (await getCsaf(w.annToken)).json()) as typeof doc;
    expect(clear.document.distribution.tlp.label).toBe("WHITE");
    expect(clear.document.tracking.status).toBe("final");
  });

  it("the calendar route: text/calendar, private and never cached, no title; 404 after rotation", async () => {
    const w = await world();
    const fetchFeed = (url: string) => {
      const file = url.split("/").at(-1)!;
      return calendar(new Request(url, { headers: headers() }), { params: Promise.resolve({ file }) });
    };
    const { url } = await rotateCalendarFeed(w.ann, request);
    const ok = await fetchFeed(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    const ics = await ok.text();
    expect(ics).toContain(`Disclosure: ${w.notice.reference}`);
    expect(ics).not.toContain("frobnicator");
    await rotateCalendarFeed(w.ann, request);
    const gone = await fetchFeed(url);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("cache-control")).toBe("private, no-store");
    expect(await gone.text()).toBe('{"error":"Not found"}');
  });
});
