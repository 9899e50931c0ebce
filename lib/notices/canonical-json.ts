// One text per value, whatever order its object keys come in: PostgreSQL's jsonb hands stored objects back with their
// keys reordered ({ url, type } for a link saved as { type, url }), so comparing JSON texts as written would call
// every stored range and link "changed". Pure.

/** JSON with object keys sorted at every depth; `undefined` and `null` both read as null. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value ?? null));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => sorted(v ?? null));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Whether two values are the same data (key order aside). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
