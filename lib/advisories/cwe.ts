// CWE names, as the CWE list (and CSAF's mandatory test 6.1.11) has them. The list is generated from the CSAF
// validator's own copy by `npm run cwe:update`, so a CSAF document Forewarn writes names each weakness exactly right.
import names from "./cwe-names.json";

const NAMES: Readonly<Record<string, string>> = names;

/** "CWE-787" → { id, name }; null for an id the list does not know (it is then left out of CSAF, kept in OSV). */
export function cweEntry(id: string | null | undefined): { id: string; name: string } | null {
  if (!id) return null;
  const key = id.trim().toUpperCase();
  const name = NAMES[key];
  return name ? { id: key, name } : null;
}
