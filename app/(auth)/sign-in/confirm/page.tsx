import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Confirm sign-in", referrer: "no-referrer" };

// Opening the emailed link lands here. Nothing happens until the person presses the button: a mail scanner that
// fetches the link neither signs in nor uses up the token.
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token, email, callbackUrl } = await searchParams;
  if (typeof token !== "string" || typeof email !== "string" || !token || !email) {
    return (
      <Card>
        <Notice tone="error" title="This link is incomplete">
          Copy the whole link from the email, or <Link href="/sign-in" className="underline">ask for a new one</Link>.
        </Notice>
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-xl font-bold tracking-tight">Sign in to Forewarn</h1>
      <p className="mt-2 text-slate-700">
        Sign in as <strong className="break-all">{email}</strong>?
      </p>
      <form method="post" action="/api/auth/confirm" className="mt-6">
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        {typeof callbackUrl === "string" ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <Button type="submit" className="w-full">
          Sign in
        </Button>
      </form>
      <p className="mt-4 text-sm text-slate-600">Not you, or you did not ask for this? Close this page; nothing happens.</p>
    </Card>
  );
}
