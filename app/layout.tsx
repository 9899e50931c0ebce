import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { SkipLink } from "@/components/layout/skip-link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Forewarn", template: "%s · Forewarn" },
  description: "Private advance notification of security vulnerabilities to downstream distributors.",
  // Nothing here is for search engines: advisories are public through their own feeds.
  robots: { index: false, follow: false },
  // Pages relax the server's `Referrer-Policy: no-referrer` header: under no-referrer a browser sends `Origin: null`
  // with same-origin POSTs, and server actions refuse those. Other sites still get the origin only, never a path
  // (and links in notices carry rel="noreferrer").
  referrer: "strict-origin-when-cross-origin",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce (proxy.ts) requires.
  await headers();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <SkipLink />
        {children}
      </body>
    </html>
  );
}
