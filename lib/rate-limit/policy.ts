import { isIPv4, isIPv6 } from "node:net";

// Limits on sign-in link requests, link confirmations, second-factor attempts and API calls, counted in the database so they
// hold across every app instance.
export const LIMITS = {
  // Per address *and* client: one attacker cannot lock a person out of signing in from elsewhere…
  linkPerEmailPerIp: { points: 5, duration: 15 * 60 },
  // …while the emails one address can receive stay bounded whatever the number of clients.
  linkPerEmail: { points: 20, duration: 15 * 60 },
  // Generous per client address: a whole company may sit behind one NAT address (FOREWARN_SIGN_IN_LINKS_PER_ADDRESS
  // raises it; this is the default).
  linkPerIp: { points: 60, duration: 15 * 60 },
  confirmPerIp: { points: 30, duration: 15 * 60 },
  secondFactorPerUser: { points: 5, duration: 15 * 60 },
  secondFactorPerIp: { points: 30, duration: 15 * 60 },
  // The JSON API (lib/tokens): per token for one script, more per address for a team's scripts behind one NAT.
  apiPerToken: { points: 60, duration: 60 },
  apiPerIp: { points: 120, duration: 60 },
  // One audit event per hour for a revoked or expired token that is still being tried.
  apiRefusalAuditPerToken: { points: 1, duration: 60 * 60 },
  // Calendar apps poll every few minutes; anything near this is a client gone wrong, or someone guessing.
  calendarPerIp: { points: 60, duration: 60 },
  // An organisation admin's colleague invitations, per organisation: a refusal says an address exists elsewhere, so
  // probing the list address by address must stay slow (and every refusal is audited for the maintainers).
  colleagueInvitesPerOrganisation: { points: 20, duration: 24 * 60 * 60 },
  // A reporter's messages to the maintainers: each one emails every maintainer, so a runaway script (or a stolen
  // session) must not flood their inboxes; a person writing by hand never comes near it.
  reporterMessagesPerUser: { points: 20, duration: 60 * 60 },
  // The public report form (lib/reports), the first anonymous write path. Per network (a /24 or /64: one machine
  // rarely holds a single address of its network) an hour's worth of honest reports from one office, raised by
  // FOREWARN_REPORTS_PER_NETWORK; per reporter address a few a day, so nobody floods one inbox with confirmations.
  reportPerNetwork: { points: 20, duration: 60 * 60 },
  reportPerAddress: { points: 5, duration: 24 * 60 * 60 },
  // Tracing a leak (lib/notices/data/trace.ts) recomputes every served copy's code: heavy, and never needed in bulk.
  leakTracesPerUser: { points: 30, duration: 60 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * The key a client address is counted under: IPv4 as is (IPv4-mapped IPv6 included), IPv6 by its /64 (a client
 * usually holds a whole one), anything unparseable in one shared bucket.
 */
export function clientKey(ip: string | null): string | null {
  if (!ip) return null;
  const address = ip.trim().toLowerCase();
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return "unparseable";
  const mapped = address.match(/^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(.+)$/)?.[1];
  if (mapped) {
    if (isIPv4(mapped)) return mapped;
    const hex = mapped.split(":");
    if (hex.length === 2) {
      const [hi, lo] = hex.map((h) => parseInt(h, 16)) as [number, number];
      return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
    }
  }
  const [head, tail] = address.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => (g || "0").toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/**
 * The network a client address belongs to, for limits that one host could dodge by hopping addresses within its
 * allocation: IPv4 by its /24, IPv6 by its /64 (as clientKey), anything unparseable in one shared bucket.
 */
export function networkKey(ip: string | null): string | null {
  const client = clientKey(ip);
  if (!client || client === "unparseable") return client;
  // IPv6: a /48, the block one site is usually given (tunnel brokers hand out /48s for free: a /64 key would give one
  // person 65,536 allowances).
  if (client.endsWith("/64")) return `${client.split(":").slice(0, 3).join(":")}::/48`;
  return `${client.split(".").slice(0, 3).join(".")}.0/24`;
}

/**
 * The mailbox an address reaches, for limits per address: case folded and a subaddress tag dropped ("ada+1@x",
 * "Ada+2@X" and "ada@x" are one inbox, RFC 5233), so a tag cannot multiply an allowance. Only for counting: the
 * address itself is kept as given.
 */
export function mailboxKey(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return email.trim().toLowerCase();
  const local = email.slice(0, at).split("+")[0] || email.slice(0, at);
  return `${local}@${email.slice(at + 1)}`.trim().toLowerCase();
}
