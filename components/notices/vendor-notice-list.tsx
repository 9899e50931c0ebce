// The notices addressed to the viewer's organisation, newest disclosure first. A title shows only once this member
// accepted the notice's terms (the data layer leaves it out before that).
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { VendorNoticeRow } from "@/lib/notices/data";
import { VendorAckBadge, VendorStateBadge } from "./vendor-badges";
import { VendorTimeLeft } from "./vendor-time-left";

export function VendorNoticeList({ notices, now }: { notices: VendorNoticeRow[]; now: Date }) {
  return (
    <ul className="divide-y divide-slate-200">
      {notices.map((n) => {
        const disclosed = n.state === "DISCLOSED";
        return (
          <li key={n.id} className="grid gap-2 py-4 first:pt-0 last:pb-0 md:grid-cols-[minmax(0,1fr)_auto] md:items-start md:gap-6">
            <div className="min-w-0">
              <Link href={`/vendor/notices/${n.id}`} className="group rounded text-indigo-700 underline-offset-2 hover:underline">
                <span className="font-mono text-sm font-semibold">{n.reference}</span>
                <span className="sr-only"> — </span>
                <span className={`mt-0.5 block break-words ${n.title ? "font-medium text-slate-900 group-hover:underline" : "text-sm italic text-slate-700 group-hover:underline"}`}>
                  {n.title ?? "Accept the terms to read it"}
                </span>
              </Link>
              <div className="mt-2 flex flex-wrap gap-2">
                <VendorStateBadge state={n.state} />
                <VendorAckBadge acknowledged={!!n.acknowledgedAt} />
              </div>
            </div>
            <dl className="text-sm md:text-right">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">Disclosure</dt>
              <dd className="text-slate-800">
                <Time value={n.disclosureAt} />
              </dd>
              <dt className="sr-only">Time left</dt>
              <dd className={`font-medium ${disclosed ? "text-green-800" : "text-amber-900"}`}>
                <VendorTimeLeft disclosureAt={n.disclosureAt} disclosed={disclosed} serverNow={now} />
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
