import type { Metadata } from "next";
import { CalendarFeedPanel } from "@/components/tokens/calendar-feed-panel";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Card, PageHeader } from "@/components/ui/card";
import { getConfig } from "@/lib/server/config";
import { requireArea } from "@/lib/auth/guards";
import { getCalendarFeed, listApiTokens } from "@/lib/tokens/data";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "API tokens and calendar" };

// Token use and revocations show at once.
export const dynamic = "force-dynamic";

export default async function IntegrationsPage() {
  const viewer = await requireArea("vendor", "/vendor/integrations");
  const [tokens, feed] = await Promise.all([listApiTokens(viewer), getCalendarFeed(viewer)]);
  const { publicUrl } = getConfig();
  return (
    <div className="space-y-6">
      <PageHeader title="API tokens and calendar" description="Let your own tools read the notices addressed to your organisation, and follow disclosure times in your calendar." />
      <Card>
        <h2 className="font-semibold">Personal API tokens</h2>
        <p className="mt-1 text-sm text-slate-700">
          A token acts as you, read-only: it lists your organisation&apos;s notices and reads those whose embargo terms you accepted here. It
          stops working when it expires, when you revoke it, or if your access is suspended. Every use is recorded.
        </p>
        <ScrollArea label="Example request" className="mt-3 rounded-md bg-slate-900">
          <pre className="w-max p-3 text-xs text-slate-100">
            <code>{`curl -H "Authorization: Bearer fwt_…" ${publicUrl}/api/v1/notices`}</code>
          </pre>
        </ScrollArea>
        <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
          <section aria-labelledby="new-token" className="min-w-0">
            <h3 id="new-token" className="mb-3 text-sm font-semibold text-slate-900">
              New token
            </h3>
            <CreateTokenForm />
          </section>
          <section aria-labelledby="your-tokens" className="min-w-0">
            <h3 id="your-tokens" className="mb-3 text-sm font-semibold text-slate-900">
              Your tokens
            </h3>
            <TokenTable tokens={tokens} />
          </section>
        </div>
      </Card>
      <Card>
        <h2 className="font-semibold">Calendar of disclosure times</h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">
          A private address to subscribe to in your calendar app: one event per notice under embargo, at its disclosure time, with the
          reference and a link here — never the title or details.
        </p>
        <CalendarFeedPanel feed={feed} />
      </Card>
    </div>
  );
}
