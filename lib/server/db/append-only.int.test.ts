import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";

describeEachDatabase("AuditEvent table", (db) => {
  async function insertEvent() {
    return db.client.auditEvent.create({ data: { action: "test.event", hash: `h-${Math.random()}` } });
  }

  it("accepts new events", async () => {
    await insertEvent();
    await insertEvent();
    expect(await db.client.auditEvent.count()).toBe(2);
  });

  it("refuses UPDATE at the database, whoever asks", async () => {
    const event = await insertEvent();
    await expect(db.client.auditEvent.update({ where: { seq: event.seq }, data: { action: "edited" } })).rejects.toThrow(/append-only/);
    await expect(db.client.$executeRaw`UPDATE "AuditEvent" SET action = 'edited'`).rejects.toThrow(/append-only/);
    expect((await db.client.auditEvent.findUniqueOrThrow({ where: { seq: event.seq } })).action).toBe("test.event");
  });

  it("refuses DELETE at the database", async () => {
    await insertEvent();
    await expect(db.client.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.client.auditEvent.count()).toBe(1);
  });
});

describeEachDatabase("database errors", (db) => {
  it("raise the same Prisma error codes on both databases (P2002 for a unique violation)", async () => {
    await db.client.user.create({ data: { email: "a@example.org", role: "VENDOR" } });
    await expect(db.client.user.create({ data: { email: "a@example.org", role: "VENDOR" } })).rejects.toMatchObject({
      code: "P2002",
      meta: expect.objectContaining({ modelName: "User" }),
    });
  });

  it("report the database's message for raw queries", async () => {
    await expect(db.client.$queryRaw`SELECT * FROM "NoSuchTable"`).rejects.toThrow(/NoSuchTable.*does not exist/);
  });
});
