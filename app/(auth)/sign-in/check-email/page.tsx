import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <Card>
      <h1 className="text-xl font-bold tracking-tight">Check your email</h1>
      <p className="mt-2 text-slate-700">
        If this address may sign in to Forewarn, a sign-in link is on its way. It works once, within 10 minutes.
      </p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline">
        Use another address
      </Link>
    </Card>
  );
}
