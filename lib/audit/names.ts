// The names behind the ids an audit page mentions — the actor, the notice, the organisation, the person, the send —
// read by ./data.ts in one query per kind for the whole page. The log stores ids and an address snapshot only:
// history must outlive the rows it mentions, so a name that is gone reads as the id it was.

export type AuditNames = {
  users: Map<string, { email: string; name: string | null }>;
  notices: Map<string, { reference: string; title: string }>;
  organisations: Map<string, string>;
  dispatches: Map<string, string>;
};

/** The organisation an event's details name (vendors' actions carry it), if any. */
export function detailsOrganisation(details: unknown): string | null {
  const id = details && typeof details === "object" ? (details as Record<string, unknown>).organisationId : null;
  return typeof id === "string" ? id : null;
}
