import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getConfig, getInstanceSecret } from "@/lib/server/config";
import { getRequestInfo } from "@/lib/auth/viewer";
import { forewarnAdapter } from "./adapter";
import { secureCookies } from "./cookies";
import { deliverSignInLink, findEligibleAccount } from "./data";
import { normalizeEmail } from "./email";
import { LINK_MINUTES } from "./mail-templates";
import { safeCallbackPath } from "./redirects";

export function authOptions(): NextAuthOptions {
  const config = getConfig();
  return {
    secret: getInstanceSecret(),
    adapter: forewarnAdapter(),
    useSecureCookies: secureCookies(),
    session: { strategy: "database", maxAge: Math.floor(config.sessions.vendor.maxMs / 1000), updateAge: 24 * 3600 },
    providers: [
      {
        // Defined inline: next-auth's bundled email provider requires nodemailer even with a custom sender.
        id: "email",
        type: "email",
        name: "Email",
        server: "",
        from: config.mail.from,
        maxAge: LINK_MINUTES * 60,
        options: {},
        normalizeIdentifier(identifier: string) {
          const email = normalizeEmail(identifier);
          if (!email) throw new Error("Invalid email address");
          return email;
        },
        async sendVerificationRequest({ identifier, url, token }) {
          // The link is built from the configured public URL only, never from request headers, and opens a
          // confirmation page: only its POST signs in (link scanners neither sign in nor burn the token).
          const callbackUrl = safeCallbackPath(new URL(url).searchParams.get("callbackUrl"), config.publicUrl);
          const link = `${config.publicUrl}/sign-in/confirm?${new URLSearchParams({ token, email: identifier, callbackUrl })}`;
          await deliverSignInLink(identifier, link, await getRequestInfo());
        },
      },
    ],
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in/error", signOut: "/account" },
    callbacks: {
      async signIn({ user, email }) {
        // Asking for a link: always "yes" here, so known and unknown addresses get the same answer. Whether a link
        // is sent is decided in sendVerificationRequest. Using a link: the account must still be allowed in.
        if (email?.verificationRequest) return true;
        return !!user.email && !!(await findEligibleAccount(user.email));
      },
      redirect({ url }) {
        return `${config.publicUrl}${safeCallbackPath(url, config.publicUrl)}`;
      },
      session({ session }) {
        // The browser never needs more than "signed in until": pages read the viewer on the server.
        return { expires: session.expires };
      },
    },
    logger: {
      // next-auth's default logger prints whole errors with request URLs (sign-in tokens); keep only the code.
      error: (code) => console.error(`[forewarn] next-auth error: ${code}`),
      warn: (code) => console.warn(`[forewarn] next-auth warning: ${code}`),
      debug: () => undefined,
    },
  };
}
