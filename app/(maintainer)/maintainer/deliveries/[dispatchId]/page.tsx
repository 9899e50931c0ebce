import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryProgress } from "@/components/mail/delivery-progress";
import { DeliveryStatusBadge } from "@/components/mail/delivery-status-badge";
import { LiveRefresh } from "@/components/mail/live-refresh";
import { RetryFailedEmails } from "@/components/mail/retry-failed-emails";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { getDispatch } from "@/lib/mail/data";
import { DeliveryFilterSchema, OUTBOX_STATUSES } from "@/lib/mail/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { ScrollArea } from "@/components/ui/scroll-area";

// A send's label names its recipient: the title stays generic so that addresses do not end up in window titles
// and browser history.
export const metadata: Metadata = { title: "Delivery" };

type Props = { params: Promise<{ dispatchId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeliveryPage({ params, searchParams }: Props) {
  const { dispatchId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/deliveries/${dispatchId}`);
  const status = (await searchParams).status;
  const parsed = DeliveryFilterSchema.safeParse(typeof status === "string" && status ? { status } : {});
  const filter = parsed.success ? parsed.data : {};
  const dispatch = await getDispatch(viewer, dispatchId, filter).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { counts } = dispatch;
  const base = `/maintainer/deliveries/${dispatch.id}`;
  const filters = [{ value: undefined, label: "All", n: counts.total }, ...OUTBOX_STATUSES.map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase(), n: counts[s.toLowerCase() as Lowercase<typeof s>] }))];

  return (
    <div className="space-y-6">
      <Link href="/maintainer/deliveries" className="text-sm text-indigo-700 underline">
        ← Deliveries
      </Link>
      <PageHeader title={dispatch.label} actions={counts.queued > 0 ? <LiveRefresh /> : undefined} />
      <p className="-mt-4 text-sm text-slate-700">
        <span className="font-mono text-xs">{dispatch.purpose}</span> · queued <Time value={dispatch.createdAt} />
      </p>
      <Card className="space-y-4">
        <h2 className="font-semibold">Progress</h2>
        <DeliveryProgress counts={counts} />
        <RetryFailedEmails dispatchId={dispatch.id} failed={dispatch.retryable} />
      </Card>

      <section aria-labelledby="emails-heading" className="space-y-3">
        <h2 id="emails-heading" className="text-lg font-semibold">
          Emails
        </h2>
        <nav aria-label="Filter emails by status" className="flex flex-wrap gap-2 text-sm">
          {filters.map((f) => {
            const current = filter.status === f.value;
            return (
              <Link
                key={f.label}
                href={f.value ? `${base}?status=${f.value}` : base}
                aria-current={current ? "page" : undefined}
                className={`rounded-full border px-3 py-1 ${current ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {f.label} <span className="tabular-nums">({f.n})</span>
              </Link>
            );
          })}
        </nav>
        {!parsed.success ? <Notice tone="error">That status filter was not understood and was ignored.</Notice> : null}
        <ScrollArea label="Emails of this send" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Emails of this send{filter.status ? `, ${filter.status.toLowerCase()} only` : ""}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Address</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Encrypted</th>
                <th scope="col" className="px-3 py-2">Reason</th>
                <th scope="col" className="px-3 py-2">Sent</th>
                <th scope="col" className="px-3 py-2">Delivered</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {dispatch.emails.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-slate-600">No emails{filter.status ? ` with status ${filter.status.toLowerCase()}` : ""}.</td>
                </tr>
              ) : (
                dispatch.emails.map((e) => (
                  <tr key={e.id} className="align-top">
                    <td className="min-w-64 px-3 py-2 font-medium break-all">{e.toAddress}</td>
                    <td className="px-3 py-2"><DeliveryStatusBadge status={e.status} /></td>
                    <td className="px-3 py-2">{e.encrypted ? "yes" : "no"}</td>
                    <td className="min-w-48 max-w-sm px-3 py-2 break-words text-slate-700">{e.failureReason ?? ""}</td>
                    <td className="whitespace-nowrap px-3 py-2">{e.sentAt ? <Time value={e.sentAt} /> : <span className="text-slate-500">not yet</span>}</td>
                    <td className="whitespace-nowrap px-3 py-2">{e.deliveredAt ? <Time value={e.deliveredAt} /> : <span className="text-slate-500">not reported</span>}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </ScrollArea>
        {dispatch.emails.length >= 500 ? <p className="text-sm text-slate-600">Showing the first 500 addresses (A–Z). Filter by status to see the rest.</p> : null}
      </section>

      <section aria-labelledby="batches-heading" className="space-y-3">
        <h2 id="batches-heading" className="text-lg font-semibold">
          Batches
        </h2>
        <p className="text-sm text-slate-700">Each batch of up to 100 emails is one provider call and one job on the jobs page (same id).</p>
        <ScrollArea label="Batches of this send" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Batches of this send</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Batch</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Attempts</th>
                <th scope="col" className="px-3 py-2">Last error</th>
                <th scope="col" className="px-3 py-2">Last change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {dispatch.batches.map((b) => (
                <tr key={b.id} className="align-top">
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs" title={b.id}>{b.id}</td>
                  <td className="px-3 py-2">{b.status.toLowerCase()}</td>
                  <td className="px-3 py-2 tabular-nums">{b.attempts}</td>
                  <td className="min-w-48 max-w-sm px-3 py-2 break-words text-slate-700">{b.lastError ?? ""}</td>
                  <td className="whitespace-nowrap px-3 py-2"><Time value={b.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>
    </div>
  );
}
