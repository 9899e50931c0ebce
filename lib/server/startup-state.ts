// How far this process's start-up (lib/composition/startup.ts) has come, for readiness (GET /api/health). Kept on
// globalThis: Next loads instrumentation.ts and the route handlers in separate module graphs.

export type StartupState = {
  /** "starting" until the first maintainers are named and the job engine runs; "failed" after the last attempt. */
  state: "starting" | "done" | "failed";
  /** FOREWARN_WORKER of this process: "off" means it only queues jobs (`npm run worker` works them). */
  workers: "on" | "off";
  /** What failed, in words fit for a public endpoint (details are in the server log). */
  problem?: string;
};

type Holder = { state?: StartupState };
const holder: Holder = ((globalThis as { __forewarnStartup?: Holder }).__forewarnStartup ??= {});

export function getStartupState(): StartupState {
  return holder.state ?? { state: "starting", workers: "on" };
}

export function setStartupState(state: StartupState): void {
  holder.state = state;
}
