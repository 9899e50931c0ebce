// A box that scrolls sideways when its content (a wide table, a diff, a code sample) is wider than the screen. A
// scrolling box must be reachable by keyboard, or a keyboard user can never see its right-hand side (WCAG 2.1.1,
// axe: scrollable-region-focusable): it takes focus (tabIndex 0) and, as a focusable region, needs a name that says
// what scrolls.
export function ScrollArea({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className}`}
    >
      {children}
    </div>
  );
}
