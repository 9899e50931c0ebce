// OSV ecosystems, spelled exactly as OSV spells them: an importer matches `affected[].package.ecosystem` byte for
// byte, so `pypi` or `Pypi` silently matches nothing (and fails the OSV schema). Pure; shared by the form and the
// server-side schema.
//
// Source: the `ecosystemName` enum of the OSV JSON schema (ossf/osv-schema `validation/schema.json`), as vendored in
// test/fixtures/osv-schema.json (see its README for the commit). ./ecosystems.test.ts fails when the two differ: to
// refresh, replace the fixture with upstream's current schema and copy its enum here.
// Suffix rules: the schema allows any `:<suffix>`; where OSV's ecosystem list (ossf/osv-schema `ecosystems.json`,
// rendered at https://ossf.github.io/osv-schema/#affectedpackage-field) says what the suffix is, it is checked here.
import { checkWebAddress, webAddressMessage } from "@/lib/text/web-address";
export const OSV_ECOSYSTEMS = [
  "AlmaLinux",
  "Alpaquita",
  "Alpine",
  "Android",
  "Azure Linux",
  "BellSoft Hardened Containers",
  "Bioconductor",
  "Bitnami",
  "Chainguard",
  "CleanStart",
  "ConanCenter",
  "CRAN",
  "crates.io",
  "Debian",
  "Docker Hardened Images",
  "Echo",
  "FreeBSD",
  "GHC",
  "GitHub Actions",
  "Go",
  "Hackage",
  "Hex",
  "Julia",
  "Kubernetes",
  "Linux",
  "Mageia",
  "Maven",
  "MinimOS",
  "npm",
  "NuGet",
  "opam",
  "openEuler",
  "openSUSE",
  "OSS-Fuzz",
  "Packagist",
  "Photon OS",
  "Pub",
  "PyPI",
  "Red Hat",
  "Rocky Linux",
  "Root",
  "RubyGems",
  "SUSE",
  "SwiftURL",
  "Ubuntu",
  "VSCode",
  "Wolfi",
] as const;
export type OsvEcosystem = (typeof OSV_ECOSYSTEMS)[number];

type SuffixRule = { required: boolean; pattern: RegExp; example: string };

// Language registries take no suffix; distributions scope a package to a release. Ecosystems not listed here take
// the schema's free-form `:<suffix>` (e.g. Red Hat's CPE, SUSE's product name).
const NO_SUFFIX: readonly OsvEcosystem[] = ["Bioconductor", "ConanCenter", "CRAN", "crates.io", "GitHub Actions", "Go", "Hackage", "Hex", "Julia", "npm", "NuGet", "opam", "Packagist", "Pub", "PyPI", "RubyGems", "SwiftURL", "VSCode"];
const SUFFIX_RULES: Partial<Record<OsvEcosystem, SuffixRule>> = {
  Alpine: { required: true, pattern: /^v\d+\.\d+$/, example: "Alpine:v3.16" },
  Debian: { required: false, pattern: /^\d+$/, example: "Debian:12" },
  Ubuntu: { required: false, pattern: /^(Pro:)?\d{2}\.\d{2}(:LTS)?$/, example: "Ubuntu:22.04:LTS" },
  AlmaLinux: { required: false, pattern: /^\d+(\.\d+)?$/, example: "AlmaLinux:9" },
  "Rocky Linux": { required: false, pattern: /^\d+(\.\d+)?$/, example: "Rocky Linux:9" },
  Mageia: { required: true, pattern: /^\d+(\.\d+)?$/, example: "Mageia:9" },
  "Photon OS": { required: true, pattern: /^\d+\.\d+$/, example: "Photon OS:3.0" },
  // A registry's address goes into the CVE record as its collectionURL: checked as a web address below.
  Maven: { required: false, pattern: /^https:\/\/\S+[^/]$/, example: "Maven:https://maven.google.com" },
};

export type EcosystemCheck = { ok: true; ecosystem: string; base: OsvEcosystem } | { ok: false; message: string };

/** Whether `value` is an OSV ecosystem string ("PyPI", "Debian:12", "Ubuntu:22.04:LTS"), with a message if not. */
export function checkEcosystem(value: string): EcosystemCheck {
  const colon = value.indexOf(":");
  const name = colon === -1 ? value : value.slice(0, colon);
  const suffix = colon === -1 ? null : value.slice(colon + 1);
  const base = OSV_ECOSYSTEMS.find((e) => e === name);
  if (!base) {
    const near = OSV_ECOSYSTEMS.find((e) => e.toLowerCase() === name.trim().toLowerCase());
    const fixed = near ? `${near}${suffix === null ? "" : `:${suffix}`}` : null;
    return { ok: false, message: fixed ? `“${value}” is not spelled as OSV spells it: did you mean ${fixed}?` : `“${value}” is not an OSV ecosystem: choose one from the list (e.g. PyPI, npm, crates.io, Go, Maven, Debian:12).` };
  }
  const rule = SUFFIX_RULES[base];
  if (suffix === null) {
    return rule?.required ? { ok: false, message: `${base} needs its release after a colon, e.g. ${rule.example}.` } : { ok: true, ecosystem: base, base };
  }
  if (NO_SUFFIX.includes(base)) return { ok: false, message: `${base} takes no suffix: write just ${base}.` };
  if (base === "Maven") {
    const registry = checkWebAddress(suffix, { httpsOnly: true });
    if (!registry.ok || registry.url.endsWith("/")) return { ok: false, message: `“${value}” does not follow OSV's form for Maven: write it like ${rule!.example}${registry.ok ? " (no “/” at the end)" : ` — the registry's address: ${webAddressMessage(registry.problem, suffix, { httpsOnly: true })}`}` };
    return { ok: true, ecosystem: `Maven:${registry.url}`, base };
  }
  if (rule && !rule.pattern.test(suffix)) return { ok: false, message: `“${value}” does not follow OSV's form for ${base}: write it like ${rule.example}.` };
  if (!rule && !/^\S(.*\S)?$/.test(suffix)) return { ok: false, message: `Write the release right after “${base}:”, with no spaces around it.` };
  return { ok: true, ecosystem: value, base };
}
