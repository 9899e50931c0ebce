"use client";
// Asks next-auth for a link (it needs its CSRF token, hence a client component). The answer is the same whether
// or not the address may sign in; only a malformed address or too many requests get a different message.
import { useState } from "react";
import { signIn } from "next-auth/react";
import { normalizeEmail } from "@/lib/auth/email";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const MESSAGES: Record<string, string> = {
  RateLimited: "Too many sign-in requests from this address or network. Wait 15 minutes, then try again.",
  EmailSignin: "Enter one email address, like name@example.org.",
};

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = normalizeEmail(new FormData(event.currentTarget).get("email"));
    if (!email) {
      setError(MESSAGES.EmailSignin!);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("email", { email, redirect: false, callbackUrl });
      if (result?.error) setError(MESSAGES[result.error] ?? "Sign-in is not available right now. Try again in a minute.");
      else setSentTo(email);
    } catch {
      setError("Forewarn could not be reached. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <Notice tone="success" title="Check your email">
        <p>
          If <strong>{sentTo}</strong> may sign in to Forewarn, a sign-in link is on its way. It works once, within 10
          minutes. Nothing arrives? Check the address and ask again, or ask your project&apos;s maintainers.
        </p>
      </Notice>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label="Email address" name="email" type="email" autoComplete="email" required autoFocus placeholder="name@example.org" errors={error ? [] : undefined} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
      <noscript>
        <p className="text-sm text-red-700">Signing in needs JavaScript to request the link securely.</p>
      </noscript>
    </form>
  );
}
