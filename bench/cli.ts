// Command-line plumbing of the benches: a few boolean flags, a clear refusal of anything else (a typo must not
// silently measure the wrong thing), and errors that are the user's to fix, shown as one line without a stack.
/** Bad command line: usage is printed, exit 2. */
export class UsageError extends Error {}

/** The environment cannot run the bench (e.g. no PostgreSQL): the message says what to do, exit 1. */
export class SetupError extends Error {}

export function parseFlags<F extends string>(bench: string, args: string[], known: readonly F[]): Record<F, boolean> {
  const unknown = args.filter((a) => !(known as readonly string[]).includes(a));
  if (unknown.length) throw new UsageError(`${bench}: unknown option ${unknown.join(" ")} (known: ${known.join(" ") || "none"})`);
  return Object.fromEntries(known.map((flag) => [flag, args.includes(flag)])) as Record<F, boolean>;
}
