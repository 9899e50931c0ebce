import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: { title: "This sign-in link cannot be used", body: "It has expired (links work for 10 minutes) or was already used. Ask for a new one." },
  AccessDenied: { title: "This account cannot sign in", body: "Your access may have been suspended or removed. Ask your project's maintainers." },
  RateLimited: { title: "Too many sign-in requests", body: "Wait 15 minutes, then ask for a new link." },
  EmailSignin: { title: "That address was not accepted", body: "Enter one email address, like name@example.org." },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || { title: "Sign-in did not work", body: "Try again with a new link." };
  return (
    <Card>
      {/* The page's heading says what went wrong (every page has one: it is where a screen reader starts). */}
      <h1 className="mb-4 text-xl font-bold tracking-tight">{message.title}</h1>
      <Notice tone="error">{message.body}</Notice>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline">
        Ask for a new sign-in link
      </Link>
    </Card>
  );
}
