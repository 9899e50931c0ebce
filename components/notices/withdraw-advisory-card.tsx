// Withdrawing a published advisory that turned out not to be a vulnerability. It leaves the page, the index, the
// feed and the sitemap; its OSV record stays, marked withdrawn, so that scanners which imported it drop it.
import { Card } from "@/components/ui/card";
import { withdrawNoticeAction } from "@/lib/notices/actions";
import { ReasonForm } from "./reason-form";

export function WithdrawAdvisoryCard({ noticeId, reference }: { noticeId: string; reference: string }) {
  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">Withdraw the advisory</h2>
      <p className="text-sm text-slate-700">
        Only if it turned out not to be a vulnerability. The advisory leaves the public pages and feeds; its OSV record stays, marked withdrawn, so that
        scanners drop it. The recipients are told.
      </p>
      <ReasonForm
        action={withdrawNoticeAction}
        noticeId={noticeId}
        label="Withdraw advisory"
        reasonLabel="Reason"
        hint="Recorded with the notice and in the audit log."
        pendingLabel="Withdrawing…"
        confirm={`Withdraw the published advisory ${reference}? This cannot be undone.`}
      />
    </Card>
  );
}
