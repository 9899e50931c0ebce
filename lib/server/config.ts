import "server-only";
// Instance settings from the environment, validated once. Every variable is documented in README and .env.example.
import { z } from "zod";
import { readFileSync } from "node:fs";
import path from "node:path";

const flag = z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true");
const positive = (fallback: number) => z.coerce.number().int().positive().optional().transform((v) => v ?? fallback);
const nonNegative = (fallback: number) => z.coerce.number().min(0).optional().transform((v) => v ?? fallback);

const EnvSchema = z.object({
  NEXTAUTH_URL: z.url().optional().transform((v) => new URL(v ?? "http://localhost:3000").origin),
  FOREWARN_ADMIN_EMAILS: z.string().optional().transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  FOREWARN_REQUIRE_VENDOR_TOTP: flag,
  FOREWARN_TRUST_PROXY: flag,
  FOREWARN_MAINTAINER_IDLE_MINUTES: positive(120),
  FOREWARN_MAINTAINER_MAX_HOURS: positive(12),
  FOREWARN_VENDOR_IDLE_MINUTES: positive(24 * 60),
  FOREWARN_VENDOR_MAX_HOURS: positive(7 * 24),
  RESEND_API_KEY: z.string().optional(),
  MAIL_FROM: z.string().optional().transform((v) => v ?? "Forewarn <forewarn@localhost>"),
  FOREWARN_DATA_DIR: z.string().optional(),
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  FOREWARN_WORKER: z.enum(["on", "off"]).optional().transform((v) => v ?? "on"),
  FOREWARN_WORKER_CONCURRENCY: positive(2),
  FOREWARN_MAIL_RATE_PER_SECOND: nonNegative(2),
  // Bounded so that every retry of a batch happens inside Resend's 24-hour idempotency window (20 attempts with
  // delays doubling up to an hour, from at most 10 minutes: well under 24 hours).
  FOREWARN_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).optional().transform((v) => v ?? 10),
  FOREWARN_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(600).optional().transform((v) => v ?? 5),
  FOREWARN_JOB_MONITOR_SECONDS: positive(30),
  FOREWARN_REMIND_AFTER_HOURS: z.coerce.number().int().min(0).max(24 * 14).optional().transform((v) => v ?? 48),
  FOREWARN_SEND_CHUNK_ORGANISATIONS: z.coerce.number().int().min(1).max(500).optional().transform((v) => v ?? 40),
  FOREWARN_EMBARGO_MAX_DAYS: z.coerce.number().int().min(1).max(90).optional().transform((v) => v ?? 14),
  FOREWARN_EMBARGO_WARN_DAYS: z.coerce.number().int().min(1).max(90).optional().transform((v) => v ?? 7),
  FOREWARN_EMBARGO_WARN_HOURS: z.coerce.number().int().min(0).max(24 * 7).optional().transform((v) => v ?? 24),
  FOREWARN_SIGN_IN_LINKS_PER_ADDRESS: z.coerce.number().int().min(5).max(10_000).optional().transform((v) => v ?? 60),
  FOREWARN_REPORTS_PER_NETWORK: z.coerce.number().int().min(1).max(10_000).optional().transform((v) => v ?? 20),
  FOREWARN_UNCONFIRMED_REPORTS_MB: z.coerce.number().int().min(1).max(1_000_000).optional().transform((v) => v ?? 1024),
  FOREWARN_MAILBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(3_650).optional().transform((v) => v ?? 30),
  FOREWARN_TWO_PERSON_DEFAULT: z.enum(["auto", "off"]).optional().transform((v) => v ?? "auto"),
});

export type AppConfig = {
  publicUrl: string;
  adminEmails: string[];
  requireVendorTotp: boolean;
  trustProxy: boolean;
  /** Sign-in links one client address may ask for in 15 minutes (a whole company may sit behind one NAT address). */
  signInLinksPerAddress: number;
  /** Reports the public form accepts per hour from one network (a /24 or a /64). */
  reportsPerNetwork: number;
  /** What unconfirmed reports (their files) may occupy in all: storage nobody has vouched for yet. */
  unconfirmedReportBytes: number;
  /**
   * The two-person rule while nobody saved its settings: "auto" covers sending, ending early and date changes once two
   * maintainers could approve; "off" covers nothing until saved (lib/approvals/policy.ts#coveredKinds).
   */
  twoPersonDefault: "auto" | "off";
  sessions: { maintainer: SessionLimits; vendor: SessionLimits };
  mail: {
    resendApiKey: string | undefined;
    from: string;
    /** Resend webhook signing secret (whsec_…); unset: the delivery-events route answers 404. */
    webhookSecret: string | undefined;
    /** Provider calls per second across every instance (Resend's default team limit is 2); 0: no limit. */
    ratePerSecond: number;
    /** Attempts of one batch before its emails are marked failed (retries back off exponentially). */
    maxAttempts: number;
  };
  notices: {
    /** Silent organisations get an automatic reminder this long after being notified (and again after as long); 0: never. */
    remindAfterHours: number;
    /** The embargo policy: hard maximum (override only with a logged reason) and the warning thresholds. */
    embargo: { maxDays: number; warnDays: number; warnHours: number };
    /** Organisations whose emails one "notice.send-chunk" job queues, in one short transaction. */
    sendChunkOrganisations: number;
  };
  jobs: {
    /** "on": this process works jobs (the default); "off": it only queues them (run `npm run worker`). */
    worker: "on" | "off";
    concurrency: number;
    /** First retry delay; later ones double, up to an hour. */
    retryDelaySeconds: number;
    /** How often stalled jobs (a worker that died) are looked for. */
    monitorSeconds: number;
  };
  retention: {
    /** Days the record of sent email (the dev Mailbox, with Resend the envelopes) is kept. */
    mailboxDays: number;
  };
};
export type SessionLimits = { idleMs: number; maxMs: number };

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  if (cached) return cached;
  const env = EnvSchema.parse(process.env);
  cached = {
    publicUrl: env.NEXTAUTH_URL,
    adminEmails: env.FOREWARN_ADMIN_EMAILS,
    requireVendorTotp: env.FOREWARN_REQUIRE_VENDOR_TOTP,
    trustProxy: env.FOREWARN_TRUST_PROXY,
    signInLinksPerAddress: env.FOREWARN_SIGN_IN_LINKS_PER_ADDRESS,
    reportsPerNetwork: env.FOREWARN_REPORTS_PER_NETWORK,
    unconfirmedReportBytes: env.FOREWARN_UNCONFIRMED_REPORTS_MB * 1024 * 1024,
    twoPersonDefault: env.FOREWARN_TWO_PERSON_DEFAULT,
    sessions: {
      maintainer: { idleMs: env.FOREWARN_MAINTAINER_IDLE_MINUTES * 60_000, maxMs: env.FOREWARN_MAINTAINER_MAX_HOURS * 3_600_000 },
      vendor: { idleMs: env.FOREWARN_VENDOR_IDLE_MINUTES * 60_000, maxMs: env.FOREWARN_VENDOR_MAX_HOURS * 3_600_000 },
    },
    mail: {
      resendApiKey: env.RESEND_API_KEY || undefined,
      from: env.MAIL_FROM,
      webhookSecret: env.RESEND_WEBHOOK_SECRET || undefined,
      ratePerSecond: env.FOREWARN_MAIL_RATE_PER_SECOND,
      maxAttempts: env.FOREWARN_MAIL_MAX_ATTEMPTS,
    },
    notices: {
      remindAfterHours: env.FOREWARN_REMIND_AFTER_HOURS,
      embargo: { maxDays: env.FOREWARN_EMBARGO_MAX_DAYS, warnDays: env.FOREWARN_EMBARGO_WARN_DAYS, warnHours: env.FOREWARN_EMBARGO_WARN_HOURS },
      sendChunkOrganisations: env.FOREWARN_SEND_CHUNK_ORGANISATIONS,
    },
    jobs: {
      worker: env.FOREWARN_WORKER,
      concurrency: env.FOREWARN_WORKER_CONCURRENCY,
      retryDelaySeconds: env.FOREWARN_JOB_RETRY_DELAY_SECONDS,
      monitorSeconds: env.FOREWARN_JOB_MONITOR_SECONDS,
    },
    retention: { mailboxDays: env.FOREWARN_MAILBOX_KEEP_DAYS },
  };
  return cached;
}

/** Tests change settings between cases. */
export function resetConfigForTests(): void {
  if (!process.env.VITEST) throw new Error("resetConfigForTests is for the test suite only");
  cached = undefined;
}

/**
 * The instance secret (signs next-auth tokens, derives the key that encrypts TOTP secrets). From NEXTAUTH_SECRET, or
 * from the file `npm start` generates in the data directory on first start.
 */
export function getInstanceSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(process.env.FOREWARN_DATA_DIR?.trim() || "./data", "instance-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    throw new Error("NEXTAUTH_SECRET is not set and no instance secret was generated: start Forewarn with `npm start`.");
  }
}
