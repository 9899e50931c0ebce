// Preloaded into Prisma CLI processes only. The WASM schema engine leaves long timers behind, so a finished
// command lingers 10-60 s before exiting. Timers of a second or more must not keep these processes alive.
const LONG_MS = 1_000;
const originalSetTimeout = globalThis.setTimeout;
const originalSetInterval = globalThis.setInterval;

globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= LONG_MS) (timer as unknown as NodeJS.Timeout).unref();
  return timer;
}) as typeof setTimeout;

globalThis.setInterval = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetInterval(handler, ms, ...args);
  if ((ms ?? 0) >= LONG_MS) (timer as unknown as NodeJS.Timeout).unref();
  return timer;
}) as typeof setInterval;
