// Small status words for the vendor portal. Colour always pairs with a word; every pair passes WCAG AA contrast.
import { STATE_LABELS } from "./vendor-labels";

const STATE_STYLES: Record<string, string> = {
  EMBARGOED: "bg-amber-100 text-amber-900",
  DISCLOSED: "bg-green-100 text-green-900",
  WITHDRAWN: "bg-slate-200 text-slate-800",
};

const base = "inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium";

export function VendorStateBadge({ state }: { state: string }) {
  return <span className={`${base} ${STATE_STYLES[state] ?? "bg-slate-100 text-slate-800"}`}>{STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state.toLowerCase()}</span>;
}

export function VendorAckBadge({ acknowledged }: { acknowledged: boolean }) {
  return acknowledged ? (
    <span className={`${base} bg-green-100 text-green-900`}>acknowledged</span>
  ) : (
    <span className={`${base} bg-red-100 text-red-900`}>not acknowledged</span>
  );
}
