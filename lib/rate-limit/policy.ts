// Limits on sign-in link requests and second-factor attempts: per address and per client address, counted in the
// database so they hold across every app instance.
export const LIMITS = {
  linkPerEmail: { points: 5, duration: 15 * 60 },
  // Generous per client address: a whole company may sit behind one NAT address.
  linkPerIp: { points: 60, duration: 15 * 60 },
  secondFactorPerUser: { points: 5, duration: 15 * 60 },
  secondFactorPerIp: { points: 30, duration: 15 * 60 },
} as const;

export type LimitName = keyof typeof LIMITS;
