import { redirect } from "next/navigation";
import { awaitsSecondFactor } from "@/lib/auth/policy";
import { getConfig } from "@/lib/server/config";
import { homeFor } from "@/lib/auth/guards";
import { getViewer } from "@/lib/auth/viewer";

// After a link: the second factor if this person needs it, then their home.
export default async function ContinuePage() {
  const viewer = await getViewer();
  if (viewer.kind === "anonymous") redirect("/sign-in");
  if (awaitsSecondFactor(viewer, getConfig().requireVendorTotp)) {
    redirect(`/sign-in/second-factor?next=${homeFor(viewer)}`);
  }
  redirect(homeFor(viewer));
}
