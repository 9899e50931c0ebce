import { describe, expect, it } from "vitest";
import type { StartupState } from "@/lib/server/startup-state";
import type { JobEngineState } from "@/lib/jobs/engine";
import { isReady, type DatabaseHealth } from "./policy";

const migrations = (state: "up-to-date" | "pending" | "failed" | "ahead") => ({ state, applied: 1, shipped: 1, pending: [], failed: [], unknown: [] });
const db = (state: "up-to-date" | "pending" | "failed" | "ahead"): DatabaseHealth => ({ kind: "postgresql", reachable: true, migrations: migrations(state) });
const gone: DatabaseHealth = { kind: "postgresql", reachable: false };
const done = (workers: "on" | "off"): StartupState => ({ state: "done", workers });

describe("isReady", () => {
  it.each<[string, DatabaseHealth, StartupState, JobEngineState, boolean]>([
    ["everything up, working", db("up-to-date"), done("on"), "working", true],
    ["queue-only process (FOREWARN_WORKER=off)", db("up-to-date"), done("off"), "queuing", true],
    ["database migrated by a newer instance", db("ahead"), done("on"), "working", true],
    ["database unreachable", gone, done("on"), "working", false],
    ["migrations pending", db("pending"), done("on"), "working", false],
    ["a migration failed", db("failed"), done("on"), "working", false],
    ["start-up still running", db("up-to-date"), { state: "starting", workers: "on" }, "working", false],
    ["start-up failed", db("up-to-date"), { state: "failed", workers: "on", problem: "x" }, "working", false],
    ["workers expected but not running", db("up-to-date"), done("on"), "queuing", false],
    ["job engine starting", db("up-to-date"), done("off"), "starting", false],
    ["job engine failed", db("up-to-date"), done("on"), "failed", false],
    ["job engine stopped (shutting down)", db("up-to-date"), done("on"), "stopped", false],
  ])("%s → %s", (_, database, startup, jobs, ready) => {
    expect(isReady(database, startup, jobs)).toBe(ready);
  });
});
