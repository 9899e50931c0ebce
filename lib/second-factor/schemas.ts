import { z } from "zod";

export const TotpCodeSchema = z
  .object({ code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app.") })
  .strict();

export const RecoveryCodeSchema = z
  .object({ recoveryCode: z.string().trim().regex(/^[a-zA-Z0-9]{5}[-\s]?[a-zA-Z0-9]{5}$/, "Enter one recovery code, like abcde-23456.") })
  .strict();
