// How far a send has got: one bar (each status its own segment) and the counts behind it. The bar is a progressbar
// for assistive technology (emails no longer queued, of all); the counts below say the same in words.
import type { DeliveryCounts } from "@/lib/mail/data";

type Status = Exclude<keyof DeliveryCounts, "total">;

const SEGMENTS: Array<{ key: Status; label: string; bar: string; fill: string }> = [
  { key: "delivered", label: "Delivered", bar: "bg-green-600", fill: "fill-green-600" },
  { key: "sent", label: "Sent", bar: "bg-sky-600", fill: "fill-sky-600" },
  { key: "bounced", label: "Bounced", bar: "bg-amber-500", fill: "fill-amber-500" },
  { key: "complained", label: "Complained", bar: "bg-orange-600", fill: "fill-orange-600" },
  { key: "failed", label: "Failed", bar: "bg-red-600", fill: "fill-red-600" },
  { key: "queued", label: "Queued", bar: "bg-slate-300", fill: "fill-slate-300" },
];

function segments(counts: DeliveryCounts): Array<{ key: Status; x: number; width: number; fill: string }> {
  let x = 0;
  return SEGMENTS.filter((s) => counts[s.key] > 0).map((s) => {
    const segment = { key: s.key, x, width: counts[s.key], fill: s.fill };
    x += counts[s.key];
    return segment;
  });
}

export function DeliveryProgress({ counts, label = "Emails no longer queued", compact = false }: { counts: DeliveryCounts; label?: string; compact?: boolean }) {
  const settled = counts.total - counts.queued;
  const percent = counts.total === 0 ? 100 : Math.round((settled / counts.total) * 100);
  return (
    <div className={compact ? "space-y-2" : "space-y-3"}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={counts.total}
        aria-valuenow={settled}
        aria-valuetext={counts.total === 0 ? "No emails" : `${settled} of ${counts.total} emails no longer queued (${percent}%)`}
        className={`w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset ${compact ? "h-2" : "h-3"}`}
      >
        {/* SVG geometry, not inline styles: the CSP allows no style attributes. */}
        {counts.total === 0 ? null : (
          <svg viewBox={`0 0 ${counts.total} 1`} preserveAspectRatio="none" className="block size-full" aria-hidden="true" focusable="false">
            {segments(counts).map((s) => (
              <rect key={s.key} x={s.x} y={0} width={s.width} height={1} className={s.fill} />
            ))}
          </svg>
        )}
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {SEGMENTS.map((s) => (
          <div key={s.key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block size-2.5 rounded-sm ${s.bar}`} />
            <dt className="text-slate-700">{s.label}</dt>
            <dd className={`font-semibold tabular-nums ${counts[s.key] > 0 && s.key === "failed" ? "text-red-800" : "text-slate-900"}`}>{counts[s.key]}</dd>
          </div>
        ))}
        <div className="flex items-center gap-1.5">
          <dt className="text-slate-700">Total</dt>
          <dd className="font-semibold tabular-nums text-slate-900">{counts.total}</dd>
        </div>
      </dl>
    </div>
  );
}
