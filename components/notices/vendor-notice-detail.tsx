// A notice as an addressed organisation's member reads it, after accepting its terms: the notice itself (shared with
// the maintainer's "Preview as vendor": ./vendor-notice-content.tsx) and, beside it, the organisation's own response
// and its private thread with the maintainers.
import { Card } from "@/components/ui/card";
import type { VendorNotice } from "@/lib/notices/data";
import { vendorMayRespond } from "@/lib/notices/policy";
import { postVendorMessageAction } from "@/lib/notices/thread-actions";
import { ThreadForm } from "./thread-form";
import { ThreadView } from "./thread-view";
import { VendorAckBadge } from "./vendor-badges";
import { VendorNoticeContent } from "./vendor-notice-content";
import { VendorResponsePanel } from "./vendor-response-panel";

type Full = Extract<VendorNotice, { view: "full" }>;

export function VendorNoticeDetail({ notice, recipient, now }: { notice: Full["notice"]; recipient: Full["recipient"]; now: Date }) {
  const mayRespond = vendorMayRespond(notice.state);
  return (
    <VendorNoticeContent
      notice={notice}
      now={now}
      level={1}
      badges={
        <a href="#response" className="rounded">
          <VendorAckBadge acknowledged={!!recipient.acknowledgedAt} />
          <span className="sr-only"> by your organisation: go to your response</span>
        </a>
      }
      aside={
        <>
          <VendorResponsePanel noticeId={notice.id} reference={notice.reference} mayRespond={mayRespond} recipient={recipient} />
          <Card>
            <section aria-labelledby="thread-heading" className="space-y-2">
              <h2 id="thread-heading" className="text-lg font-semibold">
                Questions to the maintainers
              </h2>
              <p className="text-sm text-slate-700">Only your organisation and the project&apos;s maintainers see this thread.</p>
              <ThreadView messages={recipient.messages} emptyText="No messages yet." />
              {mayRespond ? <ThreadForm action={postVendorMessageAction} fields={{ noticeId: notice.id }} label="Your message" /> : null}
            </section>
          </Card>
        </>
      }
    />
  );
}
