import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryProgress } from "@/components/mail/delivery-progress";
import { LiveRefresh } from "@/components/mail/live-refresh";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { listDispatches } from "@/lib/mail/data";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage() {
  const viewer = await requireArea("maintainer", "/maintainer/deliveries");
  const dispatches = await listDispatches(viewer).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const queued = dispatches.some((d) => d.counts.queued > 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Deliveries"
        description="Every send of emails (an invitation, a notice), newest first, last 50: how many are queued, sent, delivered or refused. Times in UTC with your local time."
        actions={queued ? <LiveRefresh /> : undefined}
      />
      {dispatches.length === 0 ? (
        <Card>
          <p className="text-slate-700">Nothing has been sent yet.</p>
        </Card>
      ) : (
        <ul className="space-y-4" aria-label="Sends">
          {dispatches.map((d) => (
            <li key={d.id}>
              <Card className="p-4 sm:p-5">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h2 className="font-semibold">
                    <Link href={`/maintainer/deliveries/${d.id}`} className="break-all text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700">
                      {d.label}
                    </Link>
                  </h2>
                  <p className="text-sm text-slate-700">
                    <Time value={d.createdAt} />
                  </p>
                </div>
                <p className="mt-1 font-mono text-xs text-slate-600">{d.purpose}</p>
                <div className="mt-3">
                  <DeliveryProgress counts={d.counts} label={`Progress of ${d.label}`} compact />
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
