// The OSV id prefix a project chooses in Settings. It is a setting's rule, so it lives with the settings; the OSV
// export (lib/advisories) reads it from here.
//
// OSV's schema's id rule is `^(x_|(<registered prefix>)-)`: a database that is not registered with OSV (Forewarn
// projects are not) must start its ids with `x_`. We require `x_` plus a name so ids stay readable and distinct
// per project, e.g. `x_acme` -> `x_acme-FW-2026-0001`. A registered prefix (GHSA, PYSEC...) belongs to its owner
// and is never accepted here.
const OSV_PREFIX = /^x_[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;

export function isValidOsvPrefix(prefix: string): boolean {
  return OSV_PREFIX.test(prefix);
}
