import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { getConfig } from "@/lib/server/config";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null, getConfig().publicUrl);
  if ((await getViewer()).kind !== "anonymous") redirect("/sign-in/continue");
  return (
    <Card>
      <h1 className="text-xl font-bold tracking-tight">Sign in to Forewarn</h1>
      <p className="mt-2 text-sm text-slate-700">
        Enter the address your project&apos;s maintainers registered for you. We email you a one-time link; there is no
        password.
      </p>
      {params.signedOut ? (
        <div className="mt-4">
          <Notice tone="success">You are signed out.</Notice>
        </div>
      ) : null}
      <div className="mt-6">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </Card>
  );
}
