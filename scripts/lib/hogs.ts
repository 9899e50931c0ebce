// CPU hogs for `FOREWARN_TEST_HOGS=N npm test`: N child processes that each spin one core for the length of the suite,
// so the suite can be shown to pass on a busy machine (issue 15). Each loop is bounded three ways: the suite stops it
// when it ends, it stops by itself when the suite's process is gone, and it never spins longer than a ceiling.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Spins in slices of 200 ms; between slices, stops if its parent changed (the suite died) or the ceiling passed. */
const HOG_SOURCE = `
const parent = process.ppid;
const end = Date.now() + Number(process.argv[1]);
let n = 0;
while (Date.now() < end && process.ppid === parent) {
  const slice = Date.now() + 200;
  while (Date.now() < slice) n = (n * 31 + 7) % 1000003;
}
`;

/** `exited`: settles once every hog has ended (stopped, or past its ceiling). */
export type Hogs = { count: number; exited: Promise<void>; stop(): string };

/** CPU seconds (user + system) a process has used so far, from /proc; null where /proc is not there. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces, hence the last ")"): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export function startHogs(count: number, ceilingMs = 3 * 3_600_000): Hogs {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(spawn(process.execPath, ["-e", HOG_SOURCE, String(ceilingMs)], { stdio: "ignore" }));
  }
  const exited = Promise.all(children.map((child) => new Promise<void>((resolve) => child.once("exit", () => resolve())))).then(() => undefined);
  const kill = () => children.forEach((child) => child.kill("SIGKILL"));
  process.on("exit", kill);
  return {
    count,
    exited,
    /** Stops the hogs and says how much CPU they took (evidence they ran beside the suite all along). */
    stop() {
      const used = children.map((child) => cpuSeconds(child.pid));
      kill();
      process.off("exit", kill);
      const figures = used.map((s) => (s === null ? "?" : `${Math.round(s)} s`)).join(", ");
      return `${count} CPU hog${count === 1 ? "" : "s"} ran beside the suite (CPU used: ${figures})`;
    },
  };
}
