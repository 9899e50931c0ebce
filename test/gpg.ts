// GnuPG as the independent OpenPGP implementation in tests: a throwaway home directory per use, keys imported from
// armored text, verification read from gpg's machine-readable status lines (never its localized prose).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type GpgResult = { status: string; ok: boolean; stdout: Buffer };

export type Gpg = {
  home: string;
  /** Runs gpg in batch mode with its status lines captured; never throws, `ok` is the exit status. */
  run(args: string[], input?: string | Uint8Array): GpgResult;
  importKey(armored: string): GpgResult;
  /** Verifies a clear-signed text; returns the fingerprint of the valid signature, or null. */
  verifyClearSigned(signed: string): string | null;
  /** Verifies a detached signature over these bytes; the fingerprint of the valid signature, or null. */
  verifyDetached(signature: string, data: string | Uint8Array): string | null;
  dispose(): void;
};

export function createGpg(): Gpg {
  const home = mkdtempSync(path.join(tmpdir(), "forewarn-gpg-"));
  let n = 0;
  const run = (args: string[], input?: string | Uint8Array): GpgResult => {
    const statusFile = path.join(home, `status-${++n}`);
    let ok = true;
    let stdout: Buffer = Buffer.alloc(0);
    try {
      stdout = execFileSync("gpg", ["--homedir", home, "--batch", "--no-tty", "--pinentry-mode", "loopback", "--status-file", statusFile, ...args], {
        input: input ?? "",
        stdio: ["pipe", "pipe", "pipe"],
        maxBuffer: 50 * 1024 * 1024,
      });
    } catch (error) {
      ok = false;
      stdout = (error as { stdout?: Buffer }).stdout ?? stdout;
    }
    const status = existsSync(statusFile) ? readFileSync(statusFile, "utf8") : "";
    return { status, ok, stdout };
  };
  const validSig = (r: GpgResult) => (r.ok ? (/^\[GNUPG:\] VALIDSIG ([0-9A-F]{40,64}) /m.exec(r.status)?.[1] ?? null) : null);
  return {
    home,
    run: run,
    importKey: (armored) => run(["--import"], armored),
    verifyClearSigned: (signed) => validSig(run(["--verify"], signed)),
    verifyDetached(signature, data) {
      const sigFile = path.join(home, "data.asc");
      const dataFile = path.join(home, "data.bin");
      writeFileSync(sigFile, signature);
      writeFileSync(dataFile, data);
      return validSig(run(["--verify", sigFile, dataFile]));
    },
    dispose() {
      try {
        execFileSync("gpgconf", ["--homedir", home, "--kill", "all"], { stdio: "ignore" });
      } catch {
        // no agent was started
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
