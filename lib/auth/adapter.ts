import "server-only";
// next-auth's database adapter, over lib/auth/data.ts. Accounts are never created by signing in: only maintainers
// create people (directory) or FOREWARN_ADMIN_EMAILS at start-up.
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { getRequestInfo } from "@/lib/auth/viewer";
import {
  consumeVerificationToken,
  createSessionRecord,
  deleteSessionByToken,
  getUserForAuth,
  markEmailVerified,
  resolveSession,
  storeVerificationToken,
} from "./data";

function toAdapterUser(user: { id: string; email: string; name: string | null; emailVerified: Date | null } | null): AdapterUser | null {
  return user ? { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified } : null;
}

export function forewarnAdapter(): Adapter {
  return {
    async createUser() {
      throw new Error("Forewarn accounts are created by maintainers, not by signing in.");
    },
    getUser: async (id) => toAdapterUser(await getUserForAuth({ id })),
    getUserByEmail: async (email) => toAdapterUser(await getUserForAuth({ email })),
    getUserByAccount: async () => null,
    async updateUser(user) {
      if (user.emailVerified) await markEmailVerified(user.id);
      const updated = toAdapterUser(await getUserForAuth({ id: user.id }));
      if (!updated) throw new Error("user not found");
      return updated;
    },
    async linkAccount() {
      throw new Error("Forewarn signs in by email only.");
    },
    async createSession({ sessionToken, userId }) {
      const session = await createSessionRecord(sessionToken, userId, await getRequestInfo());
      return { sessionToken, userId, expires: session.expires };
    },
    async getSessionAndUser(sessionToken) {
      const session = await resolveSession(sessionToken);
      if (!session) return null;
      const { user } = session;
      return {
        session: { sessionToken, userId: user.id, expires: session.absoluteExpiresAt },
        user: { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified },
      };
    },
    // Idle and absolute limits are enforced by resolveSession; next-auth's sliding expiry is not used.
    updateSession: async () => null,
    async deleteSession(sessionToken) {
      await deleteSessionByToken(sessionToken, await getRequestInfo());
    },
    async createVerificationToken(token) {
      await storeVerificationToken(token);
      return token;
    },
    useVerificationToken: ({ identifier, token }) => consumeVerificationToken(identifier, token),
  };
}
