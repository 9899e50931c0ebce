// Where a reader checks what the project signed: the active key's fingerprint (groups of four, as people compare
// them) and the public key file. Nothing while the project has no key.
import { formatFingerprint } from "@/lib/server/pgp-keys";

export function ProjectKeyNote({ fingerprint, children }: { fingerprint: string | null; children?: React.ReactNode }) {
  if (!fingerprint) return null;
  return (
    <p className="text-sm text-slate-700">
      {children ?? "The project signs its notices and published documents with OpenPGP key"}{" "}
      <span className="font-mono break-all text-slate-900" data-testid="project-key-fingerprint">
        {formatFingerprint(fingerprint)}
      </span>{" "}
      (
      <a href="/openpgp-key.asc" className="font-medium text-indigo-700 underline underline-offset-2">
        public key
      </a>
      ).
    </p>
  );
}
