// The forms of the OpenPGP key section in Settings. Each message says what is expected.
import { z } from "zod";
import { REVOCATION_REASON_NAMES } from "./revocation";

const days = (what: string, min: number, max: number, fallback: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || v === "" ? String(fallback) : String(v).trim()))
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= min && Number(v) <= max, `${what} must be a whole number of days from ${min} to ${max}.`)
    .transform(Number);

/** After rotation the previous key stays published this long, so signatures made with it still verify. */
const overlapDays = days("The overlap", 0, 3650, 365);

export const GenerateKeySchema = z.object({
  validityDays: days("The validity", 30, 3650, 730),
  overlapDays,
});
export type GenerateKeyInput = z.infer<typeof GenerateKeySchema>;

export const ImportKeySchema = z.object({
  privateKey: z.string().max(200_000, "That key is too large (over 200 KB)."),
  // Never trimmed: a passphrase may begin or end with a space.
  passphrase: z.string().max(1_000, "That passphrase is too long.").optional().default(""),
  overlapDays,
});
export type ImportKeyInput = z.infer<typeof ImportKeySchema>;

export const RevokeKeySchema = z.object({
  keyId: z.string().trim().min(1, "Choose the key to revoke.").max(100),
  reason: z.enum(REVOCATION_REASON_NAMES, { message: "Choose why the key is revoked." }),
  // Typed by the maintainer: the key's last 8 characters, so the wrong key is not revoked by a slip.
  confirm: z
    .string()
    .transform((v) => v.replace(/\s+/g, "").toUpperCase())
    .refine((v) => /^[0-9A-F]{8}$/.test(v), "Type the key's last 8 characters to confirm."),
});
export type RevokeKeyInput = z.infer<typeof RevokeKeySchema>;
