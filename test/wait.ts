// Waiting for a condition in tests: poll until it holds, within a bound meant for a loaded machine (a quiet one needs
// a few seconds). Use it wherever a test means "wait until", never a fixed sleep.
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 120_000, what = "the condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
