import "server-only";
// Page-level entry checks: send signed-out people to sign in and people without their second factor to it.
// They are for navigation only: every data function checks the viewer again for the object it touches.
import { notFound, redirect } from "next/navigation";
import { awaitsSecondFactor, mayEnter, type Area } from "./policy";
import { getConfig } from "@/lib/server/config";
import { getViewer } from "./viewer";
import type { MaintainerViewer, SignedInViewer, VendorViewer } from "@/lib/server/viewer-types";

export async function requireArea(area: "maintainer", next: string): Promise<MaintainerViewer>;
export async function requireArea(area: "vendor", next: string): Promise<VendorViewer>;
export async function requireArea(area: "account", next: string): Promise<SignedInViewer>;
export async function requireArea(area: "reporter", next: string): Promise<SignedInViewer>;
export async function requireArea(area: Area, next: string): Promise<SignedInViewer> {
  const viewer = await getViewer();
  if (viewer.kind === "anonymous") redirect(`/sign-in?${new URLSearchParams({ callbackUrl: next })}`);
  const { requireVendorTotp } = getConfig();
  if (mayEnter(viewer, area, requireVendorTotp)) return viewer;
  if (awaitsSecondFactor(viewer, requireVendorTotp)) {
    redirect(`/sign-in/second-factor?${new URLSearchParams({ next })}`);
  }
  notFound();
}

/** Where a signed-in person belongs. */
export function homeFor(viewer: SignedInViewer): "/maintainer" | "/vendor" | "/reporter" {
  if (viewer.kind === "reporter") return "/reporter";
  return viewer.kind === "maintainer" ? "/maintainer" : "/vendor";
}
