// Input of the deliveries pages (their filter) and of their one action (retry a send's failed emails).
import { z } from "zod";

export const OUTBOX_STATUSES = ["QUEUED", "SENT", "DELIVERED", "BOUNCED", "COMPLAINED", "FAILED"] as const;

const dispatchId = z.string().trim().min(1).max(64);

export const DeliveryFilterSchema = z
  .object({
    status: z.enum(OUTBOX_STATUSES).optional(),
  })
  .strict();

export type DeliveryFilter = z.infer<typeof DeliveryFilterSchema>;

export const RetryFailedEmailsSchema = z.object({ dispatchId }).strict();
