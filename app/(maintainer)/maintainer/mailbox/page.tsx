import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { listMailbox } from "@/lib/mail/data";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Mailbox", referrer: "no-referrer" };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireArea("maintainer", "/maintainer/mailbox");
  const to = (await searchParams).to;
  const { transport, messages } = await listMailbox(viewer, { to: typeof to === "string" ? to : undefined });
  return (
    <div className="space-y-6">
      <PageHeader title="Development mailbox" description="Emails the local outbox kept instead of delivering (newest first, last 100)." />
      {transport === "outbox" ? (
        <Notice tone="warning" title="Emails are not being delivered">
          No RESEND_API_KEY is set, so every email stays here and on the server console. Set RESEND_API_KEY and MAIL_FROM to deliver them.
        </Notice>
      ) : (
        <Notice tone="info">Emails are delivered through Resend; only emails from before that are shown here.</Notice>
      )}
      <form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm font-medium text-slate-800">
          Recipient contains
          <input name="to" defaultValue={typeof to === "string" ? to : ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Filter
        </button>
      </form>
      {messages.length === 0 ? <p className="text-slate-600">No emails.</p> : null}
      <ul className="space-y-4">
        {messages.map((m) => (
          <li key={m.id}>
            <Card className="p-4">
              <div className="flex flex-wrap justify-between gap-2 text-sm">
                <p>
                  <span className="text-slate-600">To</span> <strong>{m.toAddress}</strong>
                </p>
                <Time value={m.createdAt} />
              </div>
              <p className="mt-1 font-semibold">{m.subject}</p>
              <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">{m.textBody}</pre>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
