import { JOB_STATE_LABELS, type JobState } from "@/lib/jobs/policy";

// Colours pair with a word, never alone; every pair passes WCAG AA contrast.
const STYLES: Record<JobState, string> = {
  created: "bg-slate-100 text-slate-800",
  retry: "bg-amber-100 text-amber-900",
  active: "bg-sky-100 text-sky-900",
  completed: "bg-green-100 text-green-900",
  cancelled: "bg-slate-200 text-slate-800",
  failed: "bg-red-100 text-red-900",
};

export function JobStateBadge({ state }: { state: JobState }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}>{JOB_STATE_LABELS[state]}</span>;
}
