// One page of the audit log, with people and objects by name (the actor, the notice, the organisation, the person,
// the send) and each id on hover; a name that no longer exists reads as the id it was. The table scrolls sideways
// inside a box that a keyboard can reach.
import { ScrollArea } from "@/components/ui/scroll-area";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { AuditEventRow } from "@/lib/audit/data";
import { detailsOrganisation, type AuditNames } from "@/lib/audit/names";

const Id = ({ id, children }: { id: string; children: React.ReactNode }) => <span title={`id ${id}`}>{children}</span>;

function Actor({ e, names }: { e: AuditEventRow; names: AuditNames }) {
  if (!e.actorId && !e.actorEmail) return <span className="text-slate-600">system / anonymous</span>;
  const user = e.actorId ? names.users.get(e.actorId) : undefined;
  const email = user?.email ?? e.actorEmail ?? "a former user";
  const label = (
    <>
      {user?.name ? <span className="block font-medium">{user.name}</span> : null}
      <span className="break-all">{email}</span>
    </>
  );
  return e.actorId ? <Id id={e.actorId}>{label}</Id> : label;
}

function Target({ e, names }: { e: AuditEventRow; names: AuditNames }) {
  if (!e.targetType) return null;
  const id = e.targetId ?? "";
  const kind = <span className="block text-xs text-slate-600">{e.targetType}</span>;
  const notice = e.targetType === "notice" ? names.notices.get(id) : undefined;
  if (notice) {
    return (
      <Id id={id}>
        {kind}
        <Link href={`/maintainer/notices/${id}`} className="font-mono text-indigo-700 underline">
          {notice.reference}
        </Link>
        <span className="block max-w-56 truncate text-slate-700">{notice.title}</span>
      </Id>
    );
  }
  const organisation = e.targetType === "organisation" ? names.organisations.get(id) : undefined;
  if (organisation) {
    return (
      <Id id={id}>
        {kind}
        <Link href={`/maintainer/directory/${id}`} className="text-indigo-700 underline">
          {organisation}
        </Link>
      </Id>
    );
  }
  const user = e.targetType === "user" ? names.users.get(id) : undefined;
  const dispatch = e.targetType === "mail-dispatch" ? names.dispatches.get(id) : undefined;
  const name = user ? (user.name ? `${user.name} <${user.email}>` : user.email) : dispatch;
  return (
    <Id id={id}>
      {kind}
      {name ? <span className="break-all">{name}</span> : <span className="font-mono text-xs break-all">{id}</span>}
    </Id>
  );
}

function Details({ e, names }: { e: AuditEventRow; names: AuditNames }) {
  const entries = e.details && typeof e.details === "object" && !Array.isArray(e.details) ? Object.entries(e.details) : [];
  const org = detailsOrganisation(e.details);
  return (
    <>
      {entries.map(([key, value]) =>
        key === "organisationId" && org ? (
          <span key={key} className="block">
            organisation: <Id id={org}>{names.organisations.get(org) ?? org}</Id>
          </span>
        ) : (
          <span key={key} className="block font-mono text-xs break-words">
            {key}: {typeof value === "string" ? value : JSON.stringify(value)}
          </span>
        ),
      )}
    </>
  );
}

export function AuditTable({ events, names }: { events: AuditEventRow[]; names: AuditNames }) {
  return (
    <ScrollArea label="Audit events" className="rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit events, newest first. Hover a name for its id.</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">#</th>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">What</th>
            <th scope="col" className="px-3 py-2">Target</th>
            <th scope="col" className="px-3 py-2">From</th>
            <th scope="col" className="px-3 py-2">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                No events match.
              </td>
            </tr>
          ) : (
            events.map((e) => (
              <tr key={e.seq.toString()} className="align-top">
                <td className="px-3 py-2 text-slate-600 tabular-nums">{e.seq.toString()}</td>
                <td className="px-3 py-2 [&_time>span]:block [&_time]:whitespace-nowrap">
                  <Time value={e.occurredAt} />
                </td>
                <td className="min-w-44 px-3 py-2">
                  <Actor e={e} names={names} />
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="min-w-40 px-3 py-2">
                  <Target e={e} names={names} />
                </td>
                <td className="px-3 py-2 font-mono text-xs">{e.ipAddress ?? ""}</td>
                <td className="max-w-xs min-w-48 px-3 py-2 text-slate-700">
                  <Details e={e} names={names} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ScrollArea>
  );
}
