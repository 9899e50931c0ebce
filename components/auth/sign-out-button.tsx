"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";

export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl: "/sign-in?signedOut=1" });
      }}
      className={`rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 ${className}`}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
