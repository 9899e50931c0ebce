// The vendor notice page reads through the policy's scope written as SQL (lib/notices/data/vendor.ts
// vendorRecipientSql, one statement per view). This holds it equal to the policy's own Prisma scopes (noticeScope,
// recipientScope) over every case they distinguish, on PGlite and PostgreSQL: a change to one without the other fails.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { NotFoundError } from "@/lib/server/errors";
import type { VendorViewer } from "@/lib/server/viewer-types";
import { NoticeDraftSchema } from "./schemas";
import { noticeScope, recipientScope } from "./policy";
import { acceptNoticeTerms, createNoticeDraft, getVendorNotice, sendNotice } from "./data";

const request = { ip: "192.0.2.52", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000).toISOString();

describeEachDatabase("vendor notice scope in SQL = the policy's scope", (db) => {
  it("agrees with noticeScope + recipientScope for every member and change, and shows the terms before the notice", async () => {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, people: Array<[string, boolean]>) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const members: VendorViewer[] = [];
      for (const [email, isAdmin] of people) {
        const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id, isAdmin } } } });
        members.push(vendor(u, o, { orgAdmin: isAdmin }));
      }
      return { ...o, members };
    };
    const acme = await org("Acme", [["ann@acme.example", true], ["bob@acme.example", false], ["cat@acme.example", false]]);
    const globex = await org("Globex", [["gil@globex.example", false]]);
    const initech = await org("Initech", [["ivy@initech.example", false]]);
    const send = async (title: string, organisationIds: string[]) => {
      const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title, summary: "s", description: "d", disclosureAt: inDays(5), audience: "SELECTED", organisationIds }), request);
      await sendNotice(m, { noticeId: id, overrideReason: null }, request);
      return id;
    };
    const both = await send("Sent to Acme and Globex", [acme.id, globex.id]);
    const draft = (await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Never sent", summary: "s", description: "d", disclosureAt: inDays(5), audience: "SELECTED", organisationIds: [acme.id] }), request)).id;
    const viewers = [...acme.members, ...globex.members, ...initech.members];
    const notices = [both, draft];

    const sqlSees = async (v: VendorViewer, id: string): Promise<"terms" | "full" | null> => {
      try {
        return (await getVendorNotice(v, id, request)).view;
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    };
    const policySees = async (v: VendorViewer, id: string) => (await db.client.noticeRecipient.findFirst({ where: { noticeId: id, ...recipientScope(v), notice: noticeScope(v)! }, select: { id: true } })) !== null;
    const compare = async (label: string) => {
      const seen: string[] = [];
      for (const v of viewers) {
        for (const id of notices) {
          const sql = await sqlSees(v, id);
          expect(sql !== null, `${label}: ${v.email} on ${id === both ? "the sent notice" : "the draft"}`).toBe(await policySees(v, id));
          if (sql) seen.push(`${v.email}:${sql}`);
        }
      }
      return seen;
    };

    // Before anyone accepted the terms: the terms page, for the addressed organisations' members only.
    expect(await compare("sent")).toEqual(["ann@acme.example:terms", "bob@acme.example:terms", "cat@acme.example:terms", "gil@globex.example:terms"]);
    for (const v of [...acme.members, ...globex.members]) await acceptNoticeTerms(v, both, request);
    expect(await compare("terms accepted")).toEqual(["ann@acme.example:full", "bob@acme.example:full", "cat@acme.example:full", "gil@globex.example:full"]);

    // Need-to-know: restricted to Cat (granted); Ann is an admin; Bob is left out.
    const acmeRecipient = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: both, organisationId: acme.id } });
    await db.client.noticeRecipient.update({ where: { id: acmeRecipient.id }, data: { restricted: true } });
    await db.client.noticeAccessGrant.create({ data: { recipientId: acmeRecipient.id, userId: acme.members[2]!.userId, grantedById: acme.members[0]!.userId } });
    expect(await compare("restricted")).toEqual(["ann@acme.example:full", "cat@acme.example:full", "gil@globex.example:full"]);

    // A suspended member (their viewer still in hand, as within one request), a suspended organisation, a removed one.
    await db.client.user.update({ where: { id: acme.members[2]!.userId }, data: { status: "SUSPENDED" } });
    expect(await compare("member suspended")).toEqual(["ann@acme.example:full", "gil@globex.example:full"]);
    await db.client.organisation.update({ where: { id: globex.id }, data: { status: "SUSPENDED" } });
    expect(await compare("organisation suspended")).toEqual(["ann@acme.example:full"]);
    await db.client.noticeRecipient.update({ where: { id: acmeRecipient.id }, data: { removedAt: new Date() } });
    expect(await compare("removed")).toEqual([]);

    // Disclosed: still visible; withdrawn: nobody's.
    await db.client.noticeRecipient.update({ where: { id: acmeRecipient.id }, data: { removedAt: null, restricted: false } });
    await db.client.notice.update({ where: { id: both }, data: { state: "DISCLOSED", disclosedAt: new Date() } });
    expect(await compare("disclosed")).toEqual(["ann@acme.example:full", "bob@acme.example:full"]);
    await db.client.notice.update({ where: { id: both }, data: { state: "WITHDRAWN", withdrawnAt: new Date() } });
    expect(await compare("withdrawn")).toEqual([]);
  });
});
