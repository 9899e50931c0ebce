// The purl of an affected package as OSV and CSAF publish it. Derivation and the check that a stored purl names the
// package live with the notice's input rules (lib/notices/purl.ts), so what is accepted and what is served agree.
import { PackageURL } from "packageurl-js";
import { publishedPurl } from "@/lib/packages/purl";
import type { AffectedPackage } from "./types";

export { purlTypeFor } from "@/lib/packages/purl";

/**
 * The package's purl: the stored one if it names this package (ecosystem + name), else one derived from ecosystem +
 * name, else null. A stored purl of another package (saved before that was refused) is never published. `version`
 * pins it to one version (CSAF products for single versions).
 */
export function packagePurl(pkg: Pick<AffectedPackage, "ecosystem" | "name" | "purl">, version?: string): string | null {
  const purl = publishedPurl(pkg.ecosystem, pkg.name, pkg.purl);
  if (!purl || version === undefined) return purl;
  const parsed = PackageURL.fromString(purl);
  return new PackageURL(parsed.type, parsed.namespace, parsed.name, version, parsed.qualifiers, parsed.subpath).toString();
}
