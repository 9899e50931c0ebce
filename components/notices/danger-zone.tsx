// The irreversible actions on a notice, in one place at the end of its page, apart from everything that can be
// changed back: ending the embargo now, withdrawing (a draft, an embargoed notice or a published advisory). Each asks
// for a reason (recorded; recipients read it where they are told) and a confirmation.
import { endEmbargoAction, withdrawNoticeAction } from "@/lib/notices/actions";
import { ReasonForm } from "./reason-form";

type State = "DRAFT" | "EMBARGOED" | "DISCLOSED" | "WITHDRAWN";

type Irreversible = { title: string; description: string; form: Omit<React.ComponentProps<typeof ReasonForm>, "noticeId" | "reasonLabel"> };

const WITHDRAW = { action: withdrawNoticeAction, hint: "Recorded with the notice and in the audit log.", pendingLabel: "Withdrawing…" };

/** What can no longer be undone, per state (a withdrawn notice has nothing left). */
function actionsFor(state: State, reference: string): Irreversible[] {
  switch (state) {
    case "DRAFT":
      return [{ title: "Withdraw the draft", description: "Nobody has been told about a draft: withdrawing only keeps it from being sent.", form: { ...WITHDRAW, label: "Withdraw draft", confirm: `Withdraw the draft ${reference}? It can no longer be sent.` } }];
    case "EMBARGOED":
      return [
        {
          title: "End the embargo now",
          description: "For an issue exploited in the wild or already public: the notice is disclosed at once and every recipient is told.",
          form: {
            action: endEmbargoAction,
            label: "End embargo now",
            pendingLabel: "Ending the embargo…",
            hint: "Shown to every recipient on the notice page, and recorded in the audit log. Name no other organisation.",
            confirm: `End the embargo of ${reference} now? It becomes public at once and every recipient is told. This cannot be undone.`,
          },
        },
        {
          title: "Withdraw",
          description: "Not a real issue after all: the notice is never published, and the recipients are told to keep it confidential.",
          form: { ...WITHDRAW, label: "Withdraw notice", confirm: `Withdraw ${reference}? Every recipient is told. This cannot be undone.` },
        },
      ];
    case "DISCLOSED":
      return [
        {
          title: "Withdraw the advisory",
          description: "Only if it turned out not to be a vulnerability. The advisory leaves the public pages and feeds; its OSV record stays, marked withdrawn, so that scanners drop it. The recipients are told.",
          form: { ...WITHDRAW, label: "Withdraw advisory", confirm: `Withdraw the published advisory ${reference}? This cannot be undone.` },
        },
      ];
    case "WITHDRAWN":
      return [];
  }
}

/** Nothing for a withdrawn notice: there is nothing left to undo or to end. */
/** `approval`: the kinds the two-person rule covers for this maintainer ("notice.end-embargo", "notice.withdraw"). */
export function DangerZone({ notice, reporters = false, approval = [] }: { notice: { id: string; reference: string; state: State }; reporters?: boolean; approval?: readonly string[] }) {
  const actions = actionsFor(notice.state, notice.reference);
  if (actions.length === 0) return null;
  return (
    <div className="rounded-lg border-2 border-red-300 bg-red-50 p-4 sm:p-6">
      <p className="mb-4 text-sm font-medium text-red-900">These cannot be undone. Each asks for a reason and a confirmation.</p>
      <div className="grid gap-4 lg:grid-cols-2">
        {actions.map((a) => (
          <div key={a.title} className="space-y-3 rounded-md border border-red-200 bg-white p-4">
            <h3 className="font-semibold text-red-900">{a.title}</h3>
            <p className="text-sm text-slate-700">{a.description}</p>
            <ReasonForm
              {...a.form}
              noticeId={notice.id}
              reasonLabel="Reason"
              reporters={reporters}
              approval={approval.includes(a.form.action === endEmbargoAction ? "notice.end-embargo" : "notice.withdraw")}
              breakGlass={a.form.action === endEmbargoAction}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
