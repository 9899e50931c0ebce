// The instance secret: NEXTAUTH_SECRET when set, otherwise generated once into the data directory (mode 600) so
// that the embedded default needs no configuration. Several instances must share one NEXTAUTH_SECRET.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureInstanceSecret(): { source: "env" | "file" | "generated"; file?: string } {
  if (process.env.NEXTAUTH_SECRET?.trim()) return { source: "env" };
  const dir = process.env.FOREWARN_DATA_DIR?.trim() || "./data";
  const file = path.join(dir, "instance-secret");
  if (existsSync(file)) {
    process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
    return { source: "file", file };
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
  process.env.NEXTAUTH_SECRET = secret;
  return { source: "generated", file };
}
