// Package URLs of affected packages, through packageurl-js. The purl always follows from ecosystem + name: a typed
// one is kept only when it names that same package, so a purl can never be carried over from another row (issue 16:
// `acme-core-py` went out as `pkg:pypi/acme-lib`). Pure; used by the notice schema and the OSV/CSAF builders.
import { PackageURL } from "packageurl-js";

// OSV ecosystem (before any ":suffix") -> purl type, per the purl-spec type list. Ecosystems without an obvious purl
// type (Android, Linux, OSS-Fuzz, SwiftURL, ...) get no derived purl rather than a guessed one.
const PURL_TYPES: Record<string, string> = {
  npm: "npm",
  PyPI: "pypi",
  "crates.io": "cargo",
  Go: "golang",
  Maven: "maven",
  RubyGems: "gem",
  NuGet: "nuget",
  Packagist: "composer",
  Hex: "hex",
  Pub: "pub",
  Hackage: "hackage",
  CRAN: "cran",
  ConanCenter: "conan",
  "GitHub Actions": "github",
  Debian: "deb",
  Ubuntu: "deb",
  Alpine: "apk",
};

// Distribution purls carry the distribution as namespace (pkg:deb/debian/openssl).
const PURL_NAMESPACES: Record<string, string> = { Debian: "debian", Ubuntu: "ubuntu", Alpine: "alpine" };

function baseEcosystem(ecosystem: string): string {
  return ecosystem.split(":")[0] ?? ecosystem;
}

/** The purl type of an OSV ecosystem, or null when there is none we can name with confidence. */
export function purlTypeFor(ecosystem: string): string | null {
  return PURL_TYPES[baseEcosystem(ecosystem)] ?? null;
}

function splitName(type: string, name: string): { namespace: string | null; name: string } {
  if (type === "maven") {
    const [group, artifact] = name.split(":");
    return artifact ? { namespace: group ?? null, name: artifact } : { namespace: null, name };
  }
  if (type === "npm" || type === "golang" || type === "composer" || type === "github") {
    const slash = name.lastIndexOf("/");
    return slash > 0 ? { namespace: name.slice(0, slash), name: name.slice(slash + 1) } : { namespace: null, name };
  }
  return { namespace: null, name };
}

function derived(ecosystem: string, name: string): PackageURL | null {
  const type = purlTypeFor(ecosystem);
  if (!type || !name) return null;
  const split = splitName(type, name);
  try {
    return new PackageURL(type, PURL_NAMESPACES[baseEcosystem(ecosystem)] ?? split.namespace, split.name, null);
  } catch {
    return null;
  }
}

/** The purl derived from ecosystem + name (no version), or null when the ecosystem has no purl type. */
export function derivePurl(ecosystem: string, name: string): string | null {
  return derived(ecosystem, name)?.toString() ?? null;
}

export type PurlCheck = { ok: true; purl: string | null } | { ok: false; message: string };

/**
 * The purl a range stores: the typed one when it parses and names this package (type, namespace and name as
 * packageurl-js normalises them; qualifiers such as `?arch=` may be added), else the derived one. A range describes a
 * package, not one version, so a typed purl carries no version.
 */
export function checkPurl(ecosystem: string, name: string, typed: string): PurlCheck {
  const expected = derived(ecosystem, name);
  if (!typed) return { ok: true, purl: expected?.toString() ?? null };
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(typed);
  } catch (error) {
    return { ok: false, message: `“${typed}” is not a package URL (${error instanceof Error ? error.message : "unreadable"}); leave it empty and it is derived from the ecosystem and name.` };
  }
  if (parsed.version) return { ok: false, message: `The purl names one version (@${parsed.version}); remove it: the range gives the versions.` };
  const same = expected
    ? parsed.type === expected.type && (parsed.namespace ?? null) === (expected.namespace ?? null) && parsed.name === expected.name
    : parsed.name.toLowerCase() === (name.split(/[/:]/).pop() ?? name).toLowerCase();
  if (!same) {
    return { ok: false, message: `The purl ${parsed.toString()} names another package than ${[ecosystem, name].filter(Boolean).join(" ")}${expected ? ` (expected ${expected.toString()})` : ""}; clear it to derive it from the ecosystem and name.` };
  }
  return { ok: true, purl: parsed.toString() };
}

/**
 * The purl to publish for a stored range: the stored one only if it still names the package, else the derived one.
 * Ranges saved before the check existed may carry another row's purl; they are served right without an edit.
 */
export function publishedPurl(ecosystem: string, name: string, stored: string | null): string | null {
  const checked = checkPurl(ecosystem, name, stored ?? "");
  return checked.ok ? checked.purl : derivePurl(ecosystem, name);
}
