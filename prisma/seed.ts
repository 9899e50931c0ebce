// npm run db:seed — a realistic demo: two maintainers and a dozen distributor organisations with members in every
// status, and notices in every state (./seed-notices.ts). Idempotent (upserts by natural keys, notices by title):
// running it twice changes nothing, and the second run says so.
// The addresses use reserved .example domains, so no email can ever reach a real person.
import { PrismaClient, type AccountStatus, type OrganisationStatus } from "../generated/prisma/client.ts";
import { exitOnConfigError, readDatabaseConfig, stopWithMessage } from "../lib/server/db/config.ts";
import { createAdapterFactory } from "../lib/server/db/adapter.ts";
import { closePglite } from "../lib/server/db/pglite.ts";
import { loadDotEnv } from "../scripts/lib/env.ts";

type SeedOrg = { name: string; domain: string; status: OrganisationStatus; notes: string; members: Array<[string, string, AccountStatus]> };

const MAINTAINERS: Array<[string, string]> = [
  ["alice@project.example", "Alice Okafor"],
  ["bruno@project.example", "Bruno Lindqvist"],
];

const ORGANISATIONS: SeedOrg[] = [
  { name: "Aurora Linux", domain: "aurora-linux.example", status: "ACTIVE", notes: "Ships backports to LTS within 48 h.", members: [["mira", "Mira Chen", "ACTIVE"], ["tomas", "Tomás Varga", "ACTIVE"]] },
  { name: "Bluefin OS", domain: "bluefin.example", status: "ACTIVE", notes: "", members: [["ines", "Inès Laurent", "ACTIVE"], ["kofi", "Kofi Mensah", "INVITED"]] },
  { name: "Cirrus Cloud", domain: "cirrus-cloud.example", status: "ACTIVE", notes: "Managed service: needs deploy-before-date permission.", members: [["sam", "Sam Patel", "ACTIVE"], ["lea", "Lea Novak", "ACTIVE"], ["ravi", "Ravi Iyer", "SUSPENDED"]] },
  { name: "Dune Packages", domain: "dune-pkg.example", status: "ACTIVE", notes: "", members: [["olu", "Olu Adeyemi", "ACTIVE"]] },
  { name: "Ember BSD", domain: "emberbsd.example", status: "ACTIVE", notes: "Prefers PGP-encrypted notices.", members: [["hana", "Hana Sato", "ACTIVE"], ["pieter", "Pieter de Vries", "ACTIVE"]] },
  { name: "Fjord Containers", domain: "fjord.example", status: "ACTIVE", notes: "", members: [["astrid", "Astrid Berg", "ACTIVE"]] },
  { name: "Granite Enterprise Linux", domain: "granite-el.example", status: "ACTIVE", notes: "Contract renewal due Q1.", members: [["diego", "Diego Ramos", "ACTIVE"], ["yuki", "Yuki Tanaka", "ACTIVE"]] },
  { name: "Harbor Mobile", domain: "harbor-mobile.example", status: "ACTIVE", notes: "", members: [["zara", "Zara Haddad", "ACTIVE"]] },
  { name: "Iris Embedded", domain: "iris-embedded.example", status: "ACTIVE", notes: "Long firmware release cycle.", members: [["marek", "Marek Kowalski", "ACTIVE"]] },
  { name: "Juniper Hosting", domain: "juniper-hosting.example", status: "INVITED", notes: "Invited after request on 2026-11-02.", members: [["noor", "Noor Rahman", "INVITED"]] },
  { name: "Kestrel Appliances", domain: "kestrel.example", status: "SUSPENDED", notes: "Suspended: leaked an embargo date in 2026-09.", members: [["felix", "Felix Braun", "ACTIVE"]] },
  { name: "Lumen Distro", domain: "lumen-distro.example", status: "REMOVED", notes: "Project discontinued.", members: [["ada", "Ada Lovelace", "REMOVED"]] },
];

// The same .env as `npm start` and the migrations: the demo goes into the database the app will open, and the links
// in its emails name the app's own address.
loadDotEnv();
const config = (() => {
  try {
    return readDatabaseConfig();
  } catch (error) {
    return exitOnConfigError(error, "Cannot seed the database.");
  }
})();
const prisma = new PrismaClient({ adapter: createAdapterFactory(config) });

/**
 * The demo sends notices, ends embargoes and publishes advisories through the app's own functions: on a database
 * that holds anything but the demo, that would email real organisations and publish made-up advisories. It runs only
 * on an empty or demo-only database (people signed in meanwhile do not count), unless --force says otherwise.
 */
async function foreignData(): Promise<string | null> {
  if (process.argv.includes("--force")) return null;
  const { DEMO_TITLES } = await import("./seed-notices.ts");
  const [organisations, notices] = await Promise.all([
    prisma.organisation.count({ where: { name: { notIn: ORGANISATIONS.map((o) => o.name) } } }),
    prisma.notice.count({ where: { title: { notIn: DEMO_TITLES } } }),
  ]);
  if (organisations === 0 && notices === 0) return null;
  return (
    `This database holds ${organisations} organisation(s) and ${notices} notice(s) that are not the demo's. The demo sends notices and publishes advisories; ` +
    "it is meant for an empty database (`npm run db:reset` empties one). To seed this database anyway, run `npm run db:seed -- --force`."
  );
}

async function main(): Promise<void> {
  const refusal = await foreignData();
  if (refusal) {
    // Not stopWithMessage: the database is closed properly below before the process ends.
    console.error(`\n✖ Cannot seed the database.\n  ${refusal}\n`);
    process.exitCode = 1;
    return;
  }
  const before = await counts();
  for (const [email, name] of MAINTAINERS) {
    await prisma.user.upsert({ where: { email }, update: {}, create: { email, name, role: "MAINTAINER", status: "ACTIVE" } });
  }
  for (const org of ORGANISATIONS) {
    const organisation = await prisma.organisation.upsert({
      where: { name: org.name },
      update: {},
      create: { name: org.name, status: org.status, roleAddress: `security@${org.domain}`, notes: org.notes },
    });
    for (const [local, name, status] of org.members) {
      const email = `${local}@${org.domain}`;
      const user = await prisma.user.upsert({ where: { email }, update: {}, create: { email, name, role: "VENDOR", status } });
      await prisma.membership.upsert({
        where: { userId: user.id },
        update: {},
        create: { userId: user.id, organisationId: organisation.id },
      });
    }
  }
  // Loaded only now, like the worker's job code: the data functions read their settings when first used.
  const { seedDemoNotices } = await import("./seed-notices.ts");
  const created = await seedDemoNotices(prisma, MAINTAINERS[0]![0]);
  const after = await counts();
  if (created === 0 && JSON.stringify(after) === JSON.stringify(before)) {
    console.log(`Nothing to do: the demo data is already there (${after.organisations} organisations, ${after.users} people, ${after.notices} notices).`);
    return;
  }
  console.log(
    `Seeded: ${after.organisations} organisations, ${after.users} people, ${after.notices} notices (${created} demo notices created: a draft, one under embargo, two disclosed, one withdrawn). ` +
      `Sign in as ${MAINTAINERS.map(([e]) => e).join(" or ")}.`,
  );
}

async function counts() {
  const [users, organisations, notices] = await Promise.all([prisma.user.count(), prisma.organisation.count(), prisma.notice.count()]);
  return { users, organisations, notices };
}

try {
  await main();
} catch (error) {
  await prisma.$disconnect().catch(() => undefined);
  if (config.kind === "pglite") await closePglite(config.pgliteDir).catch(() => undefined);
  const code = (error as { code?: string }).code;
  if (code === "P2021" || /does not exist/.test(String(error))) {
    stopWithMessage("The database has no Forewarn tables yet: run `npm run db:migrate` (or `npm start`) first.", "Cannot seed the database.");
  }
  try {
    exitOnConfigError(error, "Cannot seed the database.");
  } catch {
    stopWithMessage(error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1)! : String(error), "Cannot seed the database.");
  }
} finally {
  // The notices started the job engine (each send queues its disclosure); stop it before the database closes.
  const { stopJobEngine } = await import("../lib/jobs/engine.ts");
  await stopJobEngine(5_000).catch(() => undefined);
  await prisma.$disconnect();
  if (config.kind === "pglite") await closePglite(config.pgliteDir);
}
