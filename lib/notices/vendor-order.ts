// The order of a vendor's notices: what is still under embargo first, the soonest disclosure at the top (that is the
// one to prepare for), then everything else (disclosed, withdrawn), the most recent first.
export function inVendorOrder<T extends { state: string; disclosureAt: Date }>(rows: T[]): T[] {
  const embargoed = rows.filter((n) => n.state === "EMBARGOED").sort((a, b) => a.disclosureAt.getTime() - b.disclosureAt.getTime());
  const rest = rows.filter((n) => n.state !== "EMBARGOED").sort((a, b) => b.disclosureAt.getTime() - a.disclosureAt.getTime());
  return [...embargoed, ...rest];
}
