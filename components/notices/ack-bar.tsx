// "3 of 5 acknowledged" with a small bar. The words carry the meaning; the bar (SVG geometry, since the CSP allows no
// style attributes) is decoration for sighted readers.
export function AckBar({ acknowledged, total, className = "" }: { acknowledged: number; total: number; className?: string }) {
  const done = total > 0 && acknowledged >= total;
  return (
    <div className={`min-w-36 space-y-1 ${className}`}>
      <p className="text-sm whitespace-nowrap tabular-nums">
        {acknowledged} of {total} acknowledged
      </p>
      <svg viewBox={`0 0 ${Math.max(total, 1)} 1`} preserveAspectRatio="none" className="block h-1.5 w-full rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset" aria-hidden="true" focusable="false">
        {acknowledged > 0 ? <rect x={0} y={0} width={Math.min(acknowledged, total)} height={1} className={done ? "fill-green-600" : "fill-indigo-600"} /> : null}
      </svg>
    </div>
  );
}
