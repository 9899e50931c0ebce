// What the statements of one vendor notice view cost by themselves, in this process (issue 15: "if a target is
// unreachable, measure why"). Seeds the pages bench's data into a scratch database, then runs what a view of the
// 1,000-organisation notice runs — the session, the shell's reads, the scoped notice read and the audit write — N
// times with no server, no HTTP and no render, and prints the CPU per view of this process. On PGlite that is the
// database's own cost (it runs in this thread); on PostgreSQL the client's share only. Run before and after ANALYZE.
//   node --conditions=react-server --import tsx bench/pages-statements.ts [--postgres]
import { createScratchDatabase, pointProcessAt } from "./scratch-database.ts";

const VIEWS = Number(process.env.VIEWS ?? 300);
process.env.NEXTAUTH_SECRET ??= "bench-statements-secret-bench-statements-secret";

async function main(): Promise<void> {
  const db = await createScratchDatabase(process.argv.includes("--postgres") ? "postgresql" : "pglite");
  pointProcessAt(db);
  try {
    const { getDb } = await import("@/lib/server/db/client");
    const { seedPages } = await import("./pages-seed.ts");
    const { resolveSession, viewerFromSession } = await import("@/lib/auth/data");
    const { getProjectName } = await import("@/lib/settings/data");
    const { hasOwnReports } = await import("@/lib/reports/data");
    const { getVendorNotice } = await import("@/lib/notices/data");
    const prisma = getDb();
    const seeded = await seedPages(prisma);
    const token = seeded.vendor.cookie.split("=")[1]!;
    const request = { ip: "127.0.0.1", userAgent: "bench" };
    const view = async () => {
      const session = await resolveSession(token);
      const viewer = session && viewerFromSession(session);
      if (!viewer) throw new Error("no viewer");
      await getProjectName();
      await hasOwnReports(viewer);
      const notice = await getVendorNotice(viewer, seeded.big.id, request);
      if (notice.view !== "full") throw new Error("terms");
    };
    const { recordAudit } = await import("@/lib/audit/data");
    const { getDatabaseConfig } = await import("@/lib/server/db/client");
    const { openPglite } = await import("@/lib/server/db/pglite");
    const config = getDatabaseConfig();
    const driver = config.kind === "pglite" ? await openPglite(config) : null;
    const viewer = viewerFromSession((await resolveSession(token))!)!;
    const parts: Record<string, () => Promise<unknown>> = {
      session: () => resolveSession(token),
      project: () => getProjectName(),
      ownReports: () => hasOwnReports(viewer),
      notice: () => getVendorNotice(viewer, seeded.big.id, request),
      audit: () => recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "notice.viewed", target: { type: "notice", id: seeded.big.id }, ip: "127.0.0.1", details: {} }),
      select1: () => prisma.$queryRaw`SELECT 1`,
      ...(driver ? { driverSelect1: () => driver.query("SELECT 1") } : {}),
    };
    const measure = async (label: string) => {
      for (let i = 0; i < 30; i++) await view();
      const cpu = process.cpuUsage();
      const t = performance.now();
      for (let i = 0; i < VIEWS; i++) await view();
      const used = process.cpuUsage(cpu);
      console.log(`${label}: ${((used.user + used.system) / 1000 / VIEWS).toFixed(2)} ms CPU/view, ${((performance.now() - t) / VIEWS).toFixed(2)} ms wall/view`);
      for (const [name, fn] of Object.entries(parts)) {
        const c = process.cpuUsage();
        for (let i = 0; i < VIEWS; i++) await fn();
        const u = process.cpuUsage(c);
        console.log(`  ${name}: ${((u.user + u.system) / 1000 / VIEWS).toFixed(2)} ms CPU/statement`);
      }
    };
    if (driver) {
      // The statements of one view as the adapter sends them, replayed straight to PGlite: the database's own share.
      const seen: Array<{ sql: string; params: unknown[] }> = [];
      const query = driver.query.bind(driver);
      (driver as { query: unknown }).query = (sql: string, params: unknown[], options: unknown) => {
        seen.push({ sql, params });
        return query(sql, params, options as never);
      };
      await view();
      (driver as { query: unknown }).query = query;
      if (process.env.EXPLAIN) {
        for (const label of ["before ANALYZE", "after ANALYZE"]) {
          if (label === "after ANALYZE") await driver.exec("ANALYZE");
          for (const { sql, params } of seen.slice(0, 4)) {
            const plan = await driver.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, params);
            console.log(`---- ${label}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
          }
        }
      }
      for (const { sql, params } of seen) {
        for (let i = 0; i < 20; i++) await driver.query(sql, params);
        const c = process.cpuUsage();
        for (let i = 0; i < VIEWS; i++) await driver.query(sql, params);
        const u = process.cpuUsage(c);
        console.log(`  driver: ${((u.user + u.system) / 1000 / VIEWS).toFixed(2)} ms CPU · ${sql.replace(/\s+/g, " ").slice(0, 90)}`);
        if (process.env.PREPARED && sql.trimStart().startsWith("SELECT")) {
          const name = `p${seen.indexOf(seen.find((x) => x.sql === sql)!)}`;
          await driver.exec(`PREPARE ${name} AS ${sql}`);
          const literal = (v: unknown) => (v === null ? "NULL" : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`);
          const exec = `EXECUTE ${name}(${params.map(literal).join(", ")})`;
          for (let i = 0; i < 20; i++) await driver.query(exec);
          const c2 = process.cpuUsage();
          for (let i = 0; i < VIEWS; i++) await driver.query(exec);
          const u2 = process.cpuUsage(c2);
          console.log(`  driver: ${((u2.user + u2.system) / 1000 / VIEWS).toFixed(2)} ms CPU · prepared ${name}`);
        }
      }
    }
    await measure(`${db.kind}, as seeded`);
    await prisma.$executeRawUnsafe("ANALYZE");
    await measure(`${db.kind}, after ANALYZE`);
    await prisma.$disconnect();
  } finally {
    const { getDatabaseConfig } = await import("@/lib/server/db/client");
    const { closePglite } = await import("@/lib/server/db/pglite");
    const config = getDatabaseConfig();
    if (config.kind === "pglite") await closePglite(config.pgliteDir);
    await db.dispose();
  }
}

await main();
