// Archiving the audit log by date range: whole UTC days at both boundaries, the chain proof that lets a range verify
// on its own and link to the next, refusals for a bad range or a viewer without the right, and nothing deleted.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { runScript } from "@/test/cli";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { verifyArchive, type AuditArchive } from "./chain";
import { recordAudit, verifyAuditChain } from "./data";
import { exportAuditArchive } from "./export";

const request = { ip: "192.0.2.40", userAgent: "vitest" };

afterEach(() => {
  vi.useRealTimers();
});

describeEachDatabase("audit archive by date range", (db) => {
  async function eventsAt(times: string[]) {
    const user = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    vi.useFakeTimers({ toFake: ["Date"] });
    for (const [i, at] of times.entries()) {
      vi.setSystemTime(new Date(at));
      await recordAudit({ actor: { id: user.id, email: user.email }, action: "directory.organisation.created", target: { type: "organisation", id: `org-${i}` }, details: { at } });
    }
    vi.useRealTimers();
    return maintainer(user);
  }
  const archive = async (viewer: ReturnType<typeof maintainer>, query: Record<string, string>) => {
    const response = await exportAuditArchive(viewer, query, request);
    return { response, body: response.status === 200 ? ((await response.json()) as AuditArchive) : null };
  };

  it("holds exactly the events of the days asked for, with the proof that verifies them alone", async () => {
    const m = await eventsAt([
      "2026-11-30T23:59:59.999Z", // the day before: out
      "2026-12-01T00:00:00.000Z", // the first instant of `from`: in
      "2026-12-01T12:00:00.000Z",
      "2026-12-02T23:59:59.999Z", // the last instant of `to`: in
      "2026-12-03T00:00:00.000Z", // the day after: out
    ]);
    const all = await db.client.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const { response, body } = await archive(m, { from: "2026-12-01", to: "2026-12-02" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="forewarn-audit-2026-12-01-to-2026-12-02.json"');
    expect(body!.events.map((e) => e.occurredAt)).toEqual(["2026-12-01T00:00:00.000Z", "2026-12-01T12:00:00.000Z", "2026-12-02T23:59:59.999Z"]);
    expect(body!.proof).toEqual({ prevHash: all[0]!.hash, lastHash: all[3]!.hash, events: 3 });
    expect(verifyArchive(body!)).toEqual({ ok: true, checked: 3 });

    // The next range starts where this one ended; the first range starts at the log's beginning.
    const next = (await archive(m, { from: "2026-12-03", to: "2026-12-03" })).body!;
    expect(next.proof.prevHash).toBe(body!.proof.lastHash);
    expect(verifyArchive(next).ok).toBe(true);
    const first = (await archive(m, { from: "2026-11-30", to: "2026-11-30" })).body!;
    expect(first.proof.prevHash).toBeNull();
    expect(verifyArchive(first)).toEqual({ ok: true, checked: 1 });

    // Nothing was deleted; the three downloads were recorded.
    expect(await db.client.auditEvent.count()).toBe(5 + 3);
    expect(await verifyAuditChain(m)).toEqual({ ok: true, checked: 8 });
    expect((await db.client.auditEvent.findMany({ where: { action: "audit.exported" } })).map((e) => e.details)).toContainEqual({ rows: 3, archive: "2026-12-01..2026-12-02" });
  });

  it("an edited, removed or added event makes the archive fail verification", async () => {
    const m = await eventsAt(["2026-12-01T10:00:00.000Z", "2026-12-01T11:00:00.000Z", "2026-12-01T12:00:00.000Z"]);
    const { body } = await archive(m, { from: "2026-12-01", to: "2026-12-01" });
    const copy = () => structuredClone(body!);
    const edited = copy();
    edited.events[1]!.actorEmail = "someone-else@project.example";
    expect(verifyArchive(edited)).toMatchObject({ ok: false, reason: expect.stringMatching(/was edited/) });
    const removed = copy();
    removed.events.splice(1, 1);
    expect(verifyArchive(removed)).toMatchObject({ ok: false, reason: expect.stringMatching(/removed or reordered/) });
    const cut = copy();
    cut.events.pop();
    expect(verifyArchive(cut)).toMatchObject({ ok: false, reason: expect.stringMatching(/proof does not match/) });

    // The same check from the command line, on the downloaded file alone.
    const dir = await mkdtemp(path.join(tmpdir(), "forewarn-archive-"));
    try {
      await writeFile(path.join(dir, "good.json"), JSON.stringify(body));
      await writeFile(path.join(dir, "edited.json"), JSON.stringify(edited));
      const good = await runScript("scripts/verify-audit-archive.ts", [path.join(dir, "good.json")], {});
      expect(good).toMatchObject({ code: 0, stdout: expect.stringMatching(/✔ good\.json: 3 events from 2026-12-01 to 2026-12-01 \(UTC\) verify/) });
      const bad = await runScript("scripts/verify-audit-archive.ts", [path.join(dir, "edited.json")], {});
      expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/✖ edited\.json does not verify at event \d+: .*was edited/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a missing or reversed range (400) and anyone but a maintainer (404), changing nothing", async () => {
    const m = await eventsAt(["2026-12-01T10:00:00.000Z"]);
    expect((await archive(m, { from: "2026-12-02", to: "2026-12-01" })).response.status).toBe(400);
    const missing = await exportAuditArchive(m, { from: "2026-12-01" }, request);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toMatch(/"to: /);
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const v = await db.client.user.create({ data: { email: "v@acme.example", role: "VENDOR", status: "ACTIVE" } });
    expect((await exportAuditArchive(vendor(v, org), { from: "2026-12-01", to: "2026-12-01" }, request)).status).toBe(404);
    expect(await db.client.auditEvent.count()).toBe(1);
  });
});
