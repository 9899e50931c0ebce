import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AckBar } from "@/components/notices/ack-bar";
import { timeLeftShort } from "@/lib/time/time-left";
import { NoticeStateBadge, STATE_LABELS } from "@/components/notices/state-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { listNotices } from "@/lib/notices/data";
import { NOTICE_STATES } from "@/lib/notices/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "Notices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NoticesPage({ searchParams }: Props) {
  const viewer = await requireArea("maintainer", "/maintainer/notices");
  const raw = (await searchParams).state;
  const state = NOTICE_STATES.find((s) => s === raw);
  const notices = await listNotices(viewer, { state }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const now = new Date();
  const filters = [{ value: undefined, label: "All" }, ...NOTICE_STATES.map((s) => ({ value: s, label: STATE_LABELS[s]! }))];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Notices"
        description="Every advance notice, the latest disclosure first. Times in UTC with your local time."
        actions={
          <Link href="/maintainer/notices/new" className="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            New notice
          </Link>
        }
      />
      <nav aria-label="Filter notices by state" className="flex flex-wrap gap-2 text-sm">
        {filters.map((f) => {
          const current = state === f.value;
          return (
            <Link
              key={f.label}
              href={f.value ? `/maintainer/notices?state=${f.value}` : "/maintainer/notices"}
              aria-current={current ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${current ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              {f.label}
            </Link>
          );
        })}
      </nav>
      {typeof raw === "string" && raw !== "" && !state ? <Notice tone="error">That state filter was not understood and was ignored.</Notice> : null}
      {notices.length === 0 ? (
        <Card>
          <p className="text-slate-700">{state ? `No ${STATE_LABELS[state]!.toLowerCase()} notices.` : "No notices yet. Start with “New notice”."}</p>
        </Card>
      ) : (
        <ScrollArea label="Notices" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Notices{state ? `, ${STATE_LABELS[state]!.toLowerCase()} only` : ""}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Notice</th>
                <th scope="col" className="px-3 py-2">State</th>
                <th scope="col" className="px-3 py-2">Disclosure</th>
                <th scope="col" className="px-3 py-2">Acknowledgements</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {notices.map((n) => (
                <tr key={n.id} className="align-top">
                  <th scope="row" className="min-w-56 px-3 py-2 text-left font-normal">
                    <span className="block font-mono text-xs text-slate-600">{n.reference}</span>
                    <Link href={`/maintainer/notices/${n.id}`} className="font-medium break-words text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700">
                      {n.title}
                    </Link>
                  </th>
                  <td className="px-3 py-2">
                    <NoticeStateBadge state={n.state} />
                  </td>
                  <td className="min-w-48 px-3 py-2 [&_time>span]:block">
                    <Time value={n.disclosureAt} />
                    {n.state === "DRAFT" || n.state === "EMBARGOED" ? (
                      <span className={`block text-xs ${n.disclosureAt <= now ? "font-medium text-red-800" : "text-slate-600"}`}>{timeLeftShort(now, n.disclosureAt)}</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    {n.state === "DRAFT" ? (
                      <span className="text-slate-600">not sent</span>
                    ) : (
                      <Link href={`/maintainer/notices/${n.id}/tracking`} className="block rounded hover:bg-slate-50" aria-label={`Tracking of ${n.reference}: ${n.acknowledged} of ${n.recipients} acknowledged`}>
                        <AckBar acknowledged={n.acknowledged} total={n.recipients} />
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {notices.length >= 200 ? <p className="text-sm text-slate-600">Showing the 200 latest. Filter by state to see others.</p> : null}
    </div>
  );
}
