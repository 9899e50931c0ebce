// pglite-prisma-adapter 0.6 reports database errors in the pre-6.13 shape ({ kind: "postgres", code, message }).
// Prisma 6.19 reads `originalCode`/`originalMessage` and typed kinds, so on PGlite a unique violation would not be
// P2002 and raw-query errors would read "Code: N/A. Message: undefined". This maps PostgreSQL errors exactly as
// @prisma/adapter-pg 6.19 does, so both databases raise the same Prisma errors.

type PgError = {
  code: string;
  message: string;
  severity?: string;
  detail?: string;
  column?: string;
  hint?: string;
  constraint?: string;
};

export function isPgError(error: unknown): error is PgError {
  const e = error as Partial<PgError> | null;
  return !!e && typeof e.code === "string" && typeof e.message === "string" && /^[0-9A-Z]{5}$/.test(e.code);
}

function keyFields(detail: string | undefined): { fields: string[] } | undefined {
  const fields = detail?.match(/Key \(([^)]+)\)/)?.at(1)?.split(", ");
  return fields ? { fields } : undefined;
}

function quotedName(message: string): string | undefined {
  return message.split(" ").at(1)?.split('"').at(1);
}

export function mapPgError(error: PgError): Record<string, unknown> {
  const base = { originalCode: error.code, originalMessage: error.message };
  switch (error.code) {
    case "22001":
      return { ...base, kind: "LengthMismatch", column: error.column };
    case "22003":
      return { ...base, kind: "ValueOutOfRange", cause: error.message };
    case "23505":
      return { ...base, kind: "UniqueConstraintViolation", constraint: keyFields(error.detail) };
    case "23502":
      return { ...base, kind: "NullConstraintViolation", constraint: keyFields(error.detail) };
    case "23503":
      return {
        ...base,
        kind: "ForeignKeyConstraintViolation",
        constraint: error.column ? { fields: [error.column] } : error.constraint ? { index: error.constraint } : undefined,
      };
    case "40001":
      return { ...base, kind: "TransactionWriteConflict" };
    case "42P01":
      return { ...base, kind: "TableDoesNotExist", table: quotedName(error.message) };
    case "42703":
      return { ...base, kind: "ColumnNotFound", column: quotedName(error.message) };
    default:
      return {
        ...base,
        kind: "postgres",
        code: error.code,
        severity: error.severity ?? "N/A",
        message: error.message,
        detail: error.detail,
        column: error.column,
        hint: error.hint,
      };
  }
}
