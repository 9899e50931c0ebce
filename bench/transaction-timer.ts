// How the fan-out bench measures transactions and loads the machine (issue 15).
//  - timeTransactions wraps the Prisma client's $transaction in this process: an interactive transaction is timed
//    from the moment its callback starts (BEGIN done, the connection held) until $transaction resolves (COMMIT done
//    or ROLLBACK); waiting for a connection is not counted, as no transaction is open then.
//  - watchPostgresTransactions asks PostgreSQL itself, every 25 ms on a connection of its own, for the age of the
//    oldest open transaction of the bench's database (pg_stat_activity.xact_start): every client's, pg-boss's too.
//    A sample can only see less than the truth, by up to the interval.
//  - startCpuHog starts one child process per core that spins until stopped.
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import pg from "pg";

export type TransactionTimes = { reset(): void; longest(): number; count(): number; /** Where the longest was opened. */ longestAt(): string };

type Transactional = { $transaction: (...args: never[]) => Promise<unknown> };

export function timeTransactions(client: Transactional): TransactionTimes {
  let durations: number[] = [];
  let longestAt = { ms: 0, where: "" };
  const record = (ms: number, where: string | undefined) => {
    durations.push(ms);
    if (ms > longestAt.ms) longestAt = { ms, where: where ?? "" };
  };
  // The first frame of the caller outside Prisma and this file.
  const caller = () => new Error().stack?.split("\n").slice(2).find((l) => !l.includes("transaction-timer") && !l.includes("node_modules"))?.trim();
  const original = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
  (client as { $transaction: unknown }).$transaction = (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") {
      // A batch of queries in one transaction: opened and committed by this call.
      const start = performance.now();
      const where = caller();
      return original(arg, options).finally(() => record(performance.now() - start, where));
    }
    let opened: number | null = null;
    const where = caller();
    const body = arg as (tx: unknown) => Promise<unknown>;
    return original(async (tx: unknown) => {
      opened = performance.now();
      return body(tx);
    }, options).finally(() => {
      if (opened !== null) record(performance.now() - opened, where);
    });
  };
  return {
    reset: () => {
      durations = [];
      longestAt = { ms: 0, where: "" };
    },
    longestAt: () => longestAt.where,
    longest: () => Math.round(Math.max(0, ...durations)),
    count: () => durations.length,
  };
}

export async function watchPostgresTransactions(url: string, everyMs = 25): Promise<{ reset(): void; longest(): number; stop(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let longest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ ms: number | null }>(
        `SELECT EXTRACT(EPOCH FROM max(clock_timestamp() - xact_start)) * 1000 AS ms FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND state <> 'idle'`,
      );
      longest = Math.max(longest, Number(rows[0]?.ms ?? 0));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    reset: () => void (longest = 0),
    longest: () => Math.round(longest),
    async stop() {
      running = false;
      await loop.catch(() => undefined);
      await client.end();
    },
  };
}

export function startCpuHog(): { processes: number; stop(): void } {
  const children: ChildProcess[] = Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  // A bench that crashes must not leave them spinning.
  const stop = () => children.forEach((c) => c.kill("SIGKILL"));
  process.once("exit", stop);
  return {
    processes: children.length,
    stop() {
      process.off("exit", stop);
      stop();
    },
  };
}
