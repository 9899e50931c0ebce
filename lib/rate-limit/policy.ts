// Limits on sign-in link requests, link confirmations and second-factor attempts, counted in the database so they
// hold across every app instance.
export const LIMITS = {
  // Per address *and* client: one attacker cannot lock a person out of signing in from elsewhere…
  linkPerEmailPerIp: { points: 5, duration: 15 * 60 },
  // …while the emails one address can receive stay bounded whatever the number of clients.
  linkPerEmail: { points: 20, duration: 15 * 60 },
  // Generous per client address: a whole company may sit behind one NAT address.
  linkPerIp: { points: 60, duration: 15 * 60 },
  confirmPerIp: { points: 30, duration: 15 * 60 },
  secondFactorPerUser: { points: 5, duration: 15 * 60 },
  secondFactorPerIp: { points: 30, duration: 15 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

/** IPv6 clients usually hold a whole /64: count the network, not each address in it. */
export function clientKey(ip: string | null): string | null {
  if (!ip) return null;
  if (!ip.includes(":")) return ip;
  const [head, tail] = ip.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => (g || "0").toLowerCase().replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
