// SQL statements per page view (issue 15): the vendor notice page and the tracking page each cost at most six
// statements, and the same number for 10 and for 100 organisations. The data functions are called in the order the
// pages and their layouts call them (the session, the layout's reads, the page's), through a Prisma client whose
// driver adapter counts what it runs (lib/server/db/query-count.ts, the bench's counter).
import { randomBytes } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { describeEachDatabase, type TestDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
// Aliased: a plain function that points the data layer at a client (not a React hook, whatever its name says).
import { createPrismaClient, useDbForTests as pointDataLayerAt } from "@/lib/server/db/client";
import { readQueryCount, withQueryCounting } from "@/lib/server/db/query-count";
import { resolveSession, viewerFromSession } from "@/lib/auth/data";
import { hashSessionToken } from "@/lib/auth/tokens";
import { getProjectSettings } from "@/lib/settings/data";
import { hasOwnReports } from "@/lib/reports/data";
import { verifyAuditChain } from "@/lib/audit/data";
import type { SignedInViewer } from "@/lib/server/viewer-types";
import { NoticeDraftSchema } from "./schemas";
import { acceptNoticeTerms, createNoticeDraft, getTracking, getVendorNotice } from "./data";

const request = { ip: "192.0.2.15", userAgent: "vitest" };
const MAX_STATEMENTS = 6;

describeEachDatabase("SQL statements per page view", (db) => {
  const counting = process.env.FOREWARN_COUNT_QUERIES;
  afterEach(() => {
    if (counting === undefined) delete process.env.FOREWARN_COUNT_QUERIES;
    else process.env.FOREWARN_COUNT_QUERIES = counting;
    pointDataLayerAt({ client: db.client, kind: db.kind, pglite: db.pglite, url: db.url });
  });

  /** From here on the data functions run through a client that counts its statements. */
  function countStatements(test: TestDatabase): () => number {
    process.env.FOREWARN_COUNT_QUERIES = "1";
    pointDataLayerAt({ client: createPrismaClient(withQueryCounting(test.factory)), kind: test.kind, pglite: test.pglite, url: test.url });
    let last = readQueryCount()!.statements;
    return () => {
      const now = readQueryCount()!.statements;
      const spent = now - last;
      last = now;
      return spent;
    };
  }

  async function session(userId: string): Promise<string> {
    const token = randomBytes(32).toString("base64url");
    const expires = new Date(Date.now() + 86_400_000);
    await db.client.session.create({ data: { sessionToken: hashSessionToken(token), userId, expires, absoluteExpiresAt: expires, secondFactorAt: new Date() } });
    return token;
  }

  /** A notice sent to `organisations` organisations of one active member each; the first one's member read it before. */
  async function world(organisations: number) {
    const m = await db.client.user.create({ data: { email: `m${organisations}@project.example`, role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: new Date() } });
    const orgs = await db.client.organisation.createManyAndReturn({
      data: Array.from({ length: organisations }, (_, i) => ({ name: `Org ${organisations}-${String(i + 1).padStart(3, "0")}`, status: "ACTIVE" as const })),
      select: { id: true, name: true },
    });
    const members = await db.client.user.createManyAndReturn({
      data: orgs.map((o, i) => ({ email: `v${i}@org${organisations}-${i}.example`, role: "VENDOR" as const, status: "ACTIVE" as const })),
      select: { id: true, email: true },
    });
    await db.client.membership.createMany({ data: members.map((u, i) => ({ userId: u.id, organisationId: orgs[i]!.id })) });
    const disclosureAt = new Date(Date.now() + 5 * 86_400_000);
    const { id } = await createNoticeDraft(maintainer(m), NoticeDraftSchema.parse({ title: "Counted", description: "## Impact\n\nA **heap** overflow.", disclosureAt: disclosureAt.toISOString() }), request);
    const sentAt = new Date();
    await db.client.notice.update({ where: { id }, data: { state: "EMBARGOED", sentAt } });
    await db.client.noticeRecipient.createMany({ data: orgs.map((o, i) => ({ noticeId: id, organisationId: o.id, notifiedAt: sentAt, acknowledgedAt: i % 2 ? sentAt : null })) });
    const vendorToken = await session(members[0]!.id);
    const vendor = viewerFromSession((await resolveSession(vendorToken))!)!;
    await acceptNoticeTerms(vendor, id, request);
    await getVendorNotice(vendor, id, request); // The organisation's first view (it writes firstViewedAt once).
    return { noticeId: id, vendorToken, maintainerToken: await session(m.id) };
  }

  /** The session, then the layout's reads: every signed-in page of the area starts with these. */
  async function signedIn(token: string, area: "vendor" | "maintainer"): Promise<SignedInViewer> {
    const viewer = viewerFromSession((await resolveSession(token))!)!;
    if (area === "vendor") await getProjectSettings();
    await hasOwnReports(viewer);
    return viewer;
  }

  async function statementsPerView(organisations: number) {
    const w = await world(organisations);
    const spent = countStatements(db);
    const vendor = await signedIn(w.vendorToken, "vendor");
    const view = await getVendorNotice(vendor, w.noticeId, request);
    expect(view.view).toBe("full");
    const vendorView = spent();
    const m = await signedIn(w.maintainerToken, "maintainer");
    const tracking = await getTracking(m, w.noticeId);
    expect(tracking.stats.organisations).toBe(organisations);
    expect(tracking.rows).toHaveLength(Math.min(organisations, 50));
    const trackingView = spent();
    // A search by name adds its count, and no more.
    await getTracking(m, w.noticeId, { q: "-00" });
    const searched = spent();
    return { vendorView, trackingView, searched };
  }

  it("at most six per vendor notice view and per tracking view, the same for 10 and 100 organisations", async () => {
    const ten = await statementsPerView(10);
    pointDataLayerAt({ client: db.client, kind: db.kind, pglite: db.pglite, url: db.url });
    const hundred = await statementsPerView(100);
    expect(ten.vendorView).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(ten.trackingView).toBeLessThanOrEqual(MAX_STATEMENTS);
    expect(hundred).toEqual(ten);
    expect(ten.searched).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("records every view in the audit chain, which still verifies", async () => {
    const w = await world(3);
    const vendor = viewerFromSession((await resolveSession(w.vendorToken))!)!;
    await Promise.all(Array.from({ length: 8 }, () => getVendorNotice(vendor, w.noticeId, request)));
    const views = await db.client.auditEvent.count({ where: { action: "notice.viewed", targetId: w.noticeId } });
    expect(views).toBe(9);
    const m = viewerFromSession((await resolveSession(w.maintainerToken))!)!;
    expect(await verifyAuditChain(m)).toMatchObject({ ok: true });
  });
});
