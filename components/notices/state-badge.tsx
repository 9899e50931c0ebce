// A notice's state. Colours pair with a word, never alone.
const STYLES: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800 ring-slate-300",
  EMBARGOED: "bg-amber-100 text-amber-900 ring-amber-300",
  DISCLOSED: "bg-green-100 text-green-900 ring-green-300",
  WITHDRAWN: "bg-slate-200 text-slate-700 ring-slate-300",
};

export const STATE_LABELS: Record<string, string> = { DRAFT: "Draft", EMBARGOED: "Embargoed", DISCLOSED: "Disclosed", WITHDRAWN: "Withdrawn" };

export function NoticeStateBadge({ state }: { state: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[state] ?? STYLES.DRAFT}`}>{STATE_LABELS[state] ?? state.toLowerCase()}</span>;
}
