"use client";
// The time left until disclosure, kept current in the browser (once a minute is enough for "in 3 days 4 hours").
// The server's text is the first render, so the page reads the same without JavaScript.
import { useSyncExternalStore } from "react";
import { timeLeft } from "./time-left";

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, 30_000);
  return () => clearInterval(timer);
}

export function VendorTimeLeft({ disclosureAt, disclosed, initial }: { disclosureAt: Date | string; disclosed: boolean; initial: string }) {
  const at = typeof disclosureAt === "string" ? new Date(disclosureAt) : disclosureAt;
  const text = useSyncExternalStore(
    subscribe,
    () => timeLeft(at, new Date(), disclosed),
    () => initial,
  );
  return <span>{text}</span>;
}
