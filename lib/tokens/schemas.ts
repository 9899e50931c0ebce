import { z } from "zod";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES_DAYS } from "./policy";

const id = z.string().trim().min(1).max(64);

export const CreateApiTokenSchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "Give the token a name, e.g. the script or system that uses it.")
      .max(80, "At most 80 characters.")
      // One line of plain text: it is shown in lists and in the audit log.
      .regex(/^[^\p{Cc}\p{Cf}]*$/u, "Use letters, digits, spaces and punctuation only.")
      // A secret pasted into the name would be shown on the page to anyone looking over a shoulder.
      .refine((v) => !/fw[tc]_/i.test(v), "That looks like a token. Give the token a name instead."),
    expiresInDays: z
      .enum(TOKEN_LIFETIMES_DAYS.map(String) as ["30", "90", "365"], { error: "Choose 30, 90 or 365 days." })
      .default(String(DEFAULT_TOKEN_LIFETIME_DAYS) as "90")
      .transform((v) => Number(v) as (typeof TOKEN_LIFETIMES_DAYS)[number]),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;

export const ApiTokenIdSchema = z.object({ tokenId: id }).strict();

/** Rotating or turning off the viewer's own feed takes no input: the feed is always the viewer's. */
export const CalendarFeedSchema = z.object({}).strict();

/** What the token list reads: never the hash. */
export const API_TOKEN_LIST_SELECT = {
  id: true,
  label: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;
