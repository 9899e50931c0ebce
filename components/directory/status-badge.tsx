const STYLES: Record<string, string> = {
  PENDING: "bg-sky-100 text-sky-900",
  INVITED: "bg-amber-100 text-amber-900",
  ACTIVE: "bg-green-100 text-green-900",
  SUSPENDED: "bg-red-100 text-red-900",
  REMOVED: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? ""}`}>{status === "PENDING" ? "awaiting approval" : status.toLowerCase()}</span>;
}
