import { PackageURL } from "packageurl-js";
import type { AffectedPackage } from "./types";

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

/**
 * The package's purl: the given one (normalised through packageurl-js, which throws on an invalid one), else one
 * derived from ecosystem + name, else null. `version` pins it to one version (CSAF products for single versions).
 */
export function packagePurl(pkg: Pick<AffectedPackage, "ecosystem" | "name" | "purl">, version?: string): string | null {
  if (pkg.purl) {
    const parsed = PackageURL.fromString(pkg.purl);
    if (version === undefined) return parsed.toString();
    return new PackageURL(parsed.type, parsed.namespace, parsed.name, version, parsed.qualifiers, parsed.subpath).toString();
  }
  const type = purlTypeFor(pkg.ecosystem);
  if (!type || !pkg.name) return null;
  const { namespace, name } = splitName(type, pkg.name);
  const ns = PURL_NAMESPACES[baseEcosystem(pkg.ecosystem)] ?? namespace;
  return new PackageURL(type, ns, name, version ?? null).toString();
}
