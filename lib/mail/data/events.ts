import "server-only";
// Delivery events from the provider's webhook (already verified by the route): recorded once per event id, and a
// row's status only ever moves forward, so redelivered and out-of-order events change nothing.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { advances, statusForEvent, type OutboxStatus } from "../policy";

export type DeliveryEvent = {
  /** The webhook message id (svix-id): the same event delivered twice carries the same id. */
  eventId: string;
  type: string;
  providerId: string | null;
  /** The outbox id we tagged the email with, when the provider echoes tags. */
  outboxId: string | null;
  reason: string | null;
  occurredAt: Date;
};

export type EventResult = "applied" | "duplicate" | "ignored" | "unknown-email";

export async function recordDeliveryEvent(event: DeliveryEvent): Promise<EventResult> {
  try {
    return await getDb().$transaction(async (tx) => {
      await tx.webhookEvent.create({ data: { id: event.eventId, type: event.type.slice(0, 100), providerId: event.providerId } });
      const next = statusForEvent(event.type);
      if (!next) return "ignored";
      // The provider id is authoritative; our tag only finds an email whose answer has not been recorded yet (the
      // event overtook it), never one that already belongs to another send of the same row.
      let ids: string[] = [];
      if (event.providerId) ids = (await tx.outboxEmail.findMany({ where: { providerId: event.providerId }, select: { id: true } })).map((r) => r.id);
      if (ids.length === 0 && event.outboxId) ids = (await tx.outboxEmail.findMany({ where: { id: event.outboxId, providerId: null }, select: { id: true } })).map((r) => r.id);
      if (ids.length === 0) return "unknown-email";
      // Row lock: two different events for one email (delivered, then bounced) apply in turn.
      await tx.$queryRaw`SELECT id FROM "OutboxEmail" WHERE id = ANY(${ids}::text[]) FOR UPDATE`;
      const rows = await tx.outboxEmail.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
      let applied = false;
      for (const row of rows) {
        if (!advances(row.status as OutboxStatus, next)) continue;
        await tx.outboxEmail.update({
          where: { id: row.id },
          data: {
            status: next,
            ...(next === "DELIVERED" ? { deliveredAt: event.occurredAt, textBody: null, htmlBody: null, attachments: Prisma.DbNull } : {}),
            ...(next !== "DELIVERED" && event.reason ? { failureReason: event.reason.slice(0, 500) } : {}),
          },
        });
        applied = true;
      }
      return applied ? "applied" : "ignored";
    });
  } catch (error) {
    // The event id is already recorded: a redelivery. Nothing changes.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
}
