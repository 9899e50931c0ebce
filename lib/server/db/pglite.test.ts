import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { types } from "@electric-sql/pglite";
import { byteaHex, pgliteOptions, processAlive } from "./pglite";

// The kill -9 test cannot tell relaxed durability from strict on a healthy file system (PGlite writes through),
// so the setting itself is pinned here.
describe("pgliteOptions", () => {
  const options = pgliteOptions("/srv/forewarn/pglite");
  it("writes bytea parameters as hex with Node's encoder (PGlite's own takes seconds for a 10 MB file)", () => {
    expect(options.serializers?.[types.BYTEA]).toBe(byteaHex);
    expect(byteaHex(new Uint8Array([0, 15, 16, 255]))).toBe("\\x000f10ff");
    // A view into a larger buffer: only its own bytes.
    expect(byteaHex(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toBe("\\x0203");
    expect(byteaHex(Buffer.from("ab"))).toBe("\\x6162");
    expect(() => byteaHex("ab")).toThrow(TypeError);
  });
  it("never relaxes durability", () => {
    expect(options.relaxedDurability).toBe(false);
  });
  it("opens the directory as given and silences the start-up progress timer", () => {
    expect(options.dataDir).toBe("/srv/forewarn/pglite");
    expect(options.startParams?.join(" ")).toContain("log_startup_progress_interval=0");
    expect(options.startParams).toContain("--single");
  });
});

// A crashed server's lock is reclaimed when its holder is gone. A killed process nobody has reaped yet (a zombie)
// is gone too: in a container whose first process never reaps, treating it as alive would lock the directory forever.
describe("processAlive", () => {
  it("is true for a running process and false for a zombie or a pid that does not exist", async () => {
    // The background `sleep 0.2` ends after its parent has exec'd into `sleep 60`, which never waits for it: a zombie until
    // it ends (the test kills it; 60 s leaves a loaded machine time to look).
    const child = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 60"], { stdio: ["ignore", "pipe", "ignore"] });
    const zombie = Number(await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString()))));
    // Its end is a moment away (longer under load).
    for (const until = Date.now() + 20_000; Date.now() < until && !/\) Z /.test(readFileSync(`/proc/${zombie}/stat`, "utf8")); ) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readFileSync(`/proc/${zombie}/stat`, "utf8")).toMatch(/\) Z /);
    expect(processAlive(zombie)).toBe(false);
    expect(processAlive(child.pid!)).toBe(true);
    expect(processAlive(process.pid)).toBe(true);
    child.kill();
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});
