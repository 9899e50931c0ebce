// The viewer's organisation's side of a notice: its acknowledgement, its feedback and statement, and their history.
// Only this organisation's rows ever reach it (lib/notices/data/vendor.ts#recipientDetail).
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { acknowledgeNoticeAction } from "@/lib/notices/vendor-actions";
import { feedbackLabel, statementLabel } from "./vendor-labels";
import { VendorStatusForm } from "./vendor-status-form";

type Recipient = {
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  feedback: string | null;
  statement: string | null;
  statementComment: string | null;
  history: Array<{ by: string; feedback: string | null; statement: string | null; comment: string | null; at: Date }>;
};

export function VendorResponsePanel({ noticeId, reference, mayRespond, recipient }: { noticeId: string; reference: string; mayRespond: boolean; recipient: Recipient }) {
  return (
    <Card className="space-y-5">
      <h2 id="response" className="text-lg font-semibold">
        Your organisation&apos;s response
      </h2>

      <section aria-labelledby="ack-heading" className="space-y-2">
        <h3 id="ack-heading" className="font-semibold">
          Acknowledgement
        </h3>
        {recipient.acknowledgedAt ? (
          <p className="text-sm text-slate-800">
            Acknowledged by <span className="font-medium">{recipient.acknowledgedBy ?? "a member of your organisation"}</span> at{" "}
            <Time value={recipient.acknowledgedAt} />.
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Not acknowledged yet. Acknowledging tells the maintainers that your organisation received {reference}; reading it does not count.
            </p>
            {mayRespond ? <ActionForm action={acknowledgeNoticeAction} fields={{ noticeId }} label={`Acknowledge ${reference}`} pendingLabel="Acknowledging…" variant="primary" /> : null}
          </>
        )}
      </section>

      <section aria-labelledby="status-heading" className="space-y-3">
        <h3 id="status-heading" className="font-semibold">
          Feedback and statement
        </h3>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Feedback</dt>
          <dd>{feedbackLabel(recipient.feedback) ?? "Not set"}</dd>
          <dt className="text-slate-600">Statement</dt>
          <dd>{statementLabel(recipient.statement) ?? "Not set"}</dd>
          {recipient.statementComment ? (
            <>
              <dt className="text-slate-600">Comment</dt>
              <dd className="whitespace-pre-line break-words">{recipient.statementComment}</dd>
            </>
          ) : null}
        </dl>
        {mayRespond ? <VendorStatusForm noticeId={noticeId} feedback={recipient.feedback} statement={recipient.statement} /> : null}
      </section>

      <section aria-labelledby="history-heading" className="space-y-2">
        <h3 id="history-heading" className="font-semibold">
          History
        </h3>
        {recipient.history.length === 0 ? (
          <p className="text-sm text-slate-700">No feedback or statement yet.</p>
        ) : (
          <ol className="space-y-3 text-sm">
            {recipient.history.map((h, i) => (
              <li key={`${h.at.toISOString()}-${i}`} className="border-l-2 border-slate-200 pl-3">
                <p className="text-slate-600">
                  <Time value={h.at} /> · {h.by}
                </p>
                <p className="text-slate-900">
                  {[h.feedback ? `Feedback: ${feedbackLabel(h.feedback)}` : null, h.statement ? `Statement: ${statementLabel(h.statement)}` : null].filter(Boolean).join(" · ")}
                </p>
                {h.comment ? <p className="whitespace-pre-line break-words text-slate-700">{h.comment}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}
