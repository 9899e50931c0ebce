// The viewer's API tokens: name, when made, expiry, last use and status, with Revoke for active ones. Never a secret.
import { ActionForm } from "@/components/ui/action-form";
import { Time } from "@/components/ui/time";
import type { ApiTokenRow } from "@/lib/tokens/data";
import { revokeApiTokenAction } from "@/lib/tokens/actions";
import { ScrollArea } from "@/components/ui/scroll-area";

const STATUS: Record<ApiTokenRow["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "bg-green-100 text-green-900 ring-green-300" },
  expired: { label: "Expired", className: "bg-slate-100 text-slate-800 ring-slate-300" },
  revoked: { label: "Revoked", className: "bg-red-50 text-red-900 ring-red-200" },
};

export function TokenTable({ tokens }: { tokens: ApiTokenRow[] }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-700">You have no API tokens.</p>;
  return (
    <ScrollArea label="Your API tokens" className="-mx-2 px-2">
      <table className="w-full min-w-[40rem] text-left text-sm" aria-label="Your API tokens">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Name</th>
            <th scope="col" className="py-2 pr-3 font-medium">Created</th>
            <th scope="col" className="py-2 pr-3 font-medium">Expires</th>
            <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
            <th scope="col" className="py-2 pr-3 font-medium">Status</th>
            <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} className="align-top">
              <td className="py-3 pr-3">
                <span className="font-medium break-words">{t.label}</span>
                <span className="block font-mono text-xs text-slate-500">{t.prefix}…</span>
              </td>
              <td className="py-3 pr-3"><Time value={t.createdAt} /></td>
              <td className="py-3 pr-3"><Time value={t.revokedAt ?? t.expiresAt} />{t.revokedAt ? <span className="block text-xs text-slate-500">revoked then</span> : null}</td>
              <td className="py-3 pr-3">{t.lastUsedAt ? <Time value={t.lastUsedAt} /> : <span className="text-slate-500">never</span>}</td>
              <td className="py-3 pr-3">
                <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS[t.status].className}`}>{STATUS[t.status].label}</span>
              </td>
              <td className="py-3">
                {t.status === "active" ? (
                  <ActionForm action={revokeApiTokenAction} fields={{ tokenId: t.id }} label="Revoke" pendingLabel="Revoking…" variant="danger" confirm={`Revoke “${t.label}”? Anything using it stops working at its next call.`} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
