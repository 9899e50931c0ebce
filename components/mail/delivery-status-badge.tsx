// One email's delivery status. Colours pair with a word, never alone; every pair passes WCAG AA contrast.
const STYLES: Record<string, string> = {
  QUEUED: "bg-slate-100 text-slate-800",
  SENT: "bg-sky-100 text-sky-900",
  DELIVERED: "bg-green-100 text-green-900",
  BOUNCED: "bg-amber-100 text-amber-900",
  COMPLAINED: "bg-orange-100 text-orange-900",
  FAILED: "bg-red-100 text-red-900",
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? "bg-slate-100 text-slate-800"}`}>{status.toLowerCase()}</span>;
}
