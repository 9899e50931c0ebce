// The maintainer's home: what needs attention now, one group per kind of work (unanswered questions, silent
// organisations, failed emails, colleagues to approve …). Each group is a section with its own heading and anchor,
// and the summary at the top counts every group and links to it. A new kind of work (pending approvals, reports)
// is one more `AttentionGroup` on the page, read from its own domain's data.
import Link from "next/link";

export type AttentionGroup = {
  /** The anchor of the group's section (#id). */
  id: string;
  title: string;
  /** How many things wait; 0 shows the group as clear in the summary and leaves its section out. */
  count: number;
  /** What to do about it, in one line. */
  hint: string;
  /** Where the whole list lives, when the group shows only the first ones. */
  more?: { href: string; label: string } | undefined;
  children: React.ReactNode;
};

export function AttentionSummary({ groups }: { groups: AttentionGroup[] }) {
  const open = groups.filter((g) => g.count > 0);
  return (
    <div className="space-y-3">
      <p className="text-slate-700">{open.length === 0 ? "Nothing needs your attention right now." : "Each count below leads to the list; each item in it, to where you act."}</p>
      <ul aria-label="Needs attention, by kind" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {groups.map((g) => (
          <li key={g.id} className={`rounded-lg border p-3 sm:p-4 ${g.count > 0 ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
            {g.count > 0 ? (
              <a href={`#${g.id}`} className="block rounded text-amber-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
                <span className="block text-2xl font-semibold tabular-nums sm:text-3xl">{g.count}</span>
                <span className="text-sm font-medium underline decoration-amber-600 underline-offset-2">{g.title}</span>
              </a>
            ) : (
              <>
                <span className="block text-2xl font-semibold text-slate-700 tabular-nums sm:text-3xl">0</span>
                <span className="text-sm text-slate-700">{g.title}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AttentionSection({ group }: { group: AttentionGroup }) {
  if (group.count === 0) return null;
  return (
    <section id={group.id} aria-labelledby={`${group.id}-heading`} className="scroll-mt-4 rounded-lg border border-amber-300 bg-white p-4 shadow-sm sm:p-6">
      <h3 id={`${group.id}-heading`} className="text-lg font-semibold">
        {group.title} <span className="text-slate-700 tabular-nums">({group.count})</span>
      </h3>
      <p className="mt-1 text-sm text-slate-700">{group.hint}</p>
      <div className="mt-3">{group.children}</div>
      {group.more ? (
        <p className="mt-3 text-sm">
          <Link href={group.more.href as never} className="font-medium text-indigo-700 underline">
            {group.more.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
