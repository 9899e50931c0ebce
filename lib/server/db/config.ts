// Which database this process talks to, read from the environment and validated once.
// Shared by the app, the Prisma CLI wrapper and the start-up script, so it uses relative `.ts` imports only
// (plain Node runs it with type stripping).
import path from "node:path";

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string; pgliteDir: string; lockPath: string }
  | {
      kind: "postgresql";
      url: string;
      /** The URL with the password replaced, safe to print. */
      redactedUrl: string;
      host: string;
      port: number;
      user: string | undefined;
      password: string | undefined;
      database: string;
    };

/** A setting that stops start-up. The message names the setting and says how to fix it. */
export class ConfigError extends Error {
  readonly setting: string;
  constructor(setting: string, message: string) {
    super(message);
    this.name = "ConfigError";
    this.setting = setting;
  }
}

export const DEFAULT_DATA_DIR = "./data";

export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return raw.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

export type Env = Record<string, string | undefined>;

export function readDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) {
    return pgliteConfig(env.FOREWARN_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  }
  return parsePostgresUrl(raw);
}

export type PgliteConfig = Extract<DatabaseConfig, { kind: "pglite" }>;

export function pgliteConfig(dataDir: string): PgliteConfig {
  // Kept as given (relative paths stay relative): resolving against cwd here makes Next's tracer pull in the
  // whole project. PGlite lives in a sub-directory so Forewarn can keep other files beside it.
  return { kind: "pglite", dataDir, pgliteDir: path.join(dataDir, "pglite"), lockPath: path.join(dataDir, "pglite.lock") };
}

function parsePostgresUrl(raw: string): DatabaseConfig {
  const shown = redactUrl(raw);
  const fix =
    "Use the form postgres://USER:PASSWORD@HOST:5432/DATABASE, or unset DATABASE_URL to use the embedded database " +
    "in FOREWARN_DATA_DIR.";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL", `DATABASE_URL is not a valid URL (${shown}). ${fix}`);
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(
      "DATABASE_URL",
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//). ${fix}`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!url.hostname || !database || database.includes("/")) {
    throw new ConfigError("DATABASE_URL", `DATABASE_URL must name a host and a database (${shown}). ${fix}`);
  }
  const port = url.port ? Number(url.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError("DATABASE_URL", `DATABASE_URL has an invalid port (${shown}). ${fix}`);
  }
  return {
    kind: "postgresql",
    url: raw,
    redactedUrl: shown,
    // URL keeps IPv6 brackets; pg wants the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
  };
}

/** Prints one clear message (no stack trace) and exits: how every entry point reports bad configuration. */
export function stopWithMessage(message: string, heading = "Forewarn cannot start."): never {
  console.error(`\n✖ ${heading}\n  ${message}\n`);
  process.exit(1);
}

/** For command-line entry points: a ConfigError becomes one message and exit 1; anything else is rethrown. */
export function exitOnConfigError(error: unknown, heading?: string): never {
  if (error instanceof ConfigError) stopWithMessage(error.message, heading);
  throw error;
}
