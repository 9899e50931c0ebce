"use client";
// The time left until disclosure, kept current in the browser (once a minute is enough for "in 3 days 4 hours").
// The server's text is the first render, so the page reads the same without JavaScript. The count goes by the
// server's clock, not the browser's: the page brings the server's time, and the browser only adds the time elapsed
// since, so a visitor whose clock is wrong by hours still sees how long the embargo really has left.
import { useState, useSyncExternalStore } from "react";
import { timeLeft } from "@/lib/time/time-left";

function subscribe(onChange: () => void) {
  const timer = setInterval(onChange, 30_000);
  return () => clearInterval(timer);
}

const toDate = (value: Date | string | number) => (value instanceof Date ? value : new Date(value));

export function VendorTimeLeft({ disclosureAt, disclosed, serverNow }: { disclosureAt: Date | string; disclosed: boolean; serverNow: Date | string | number }) {
  const at = toDate(disclosureAt);
  const rendered = toDate(serverNow).getTime();
  // Server clock minus browser clock, taken once when the page comes alive (on the server it is about 0).
  const [skew] = useState(() => rendered - Date.now());
  const text = useSyncExternalStore(
    subscribe,
    () => timeLeft(at, new Date(Date.now() + skew), disclosed),
    () => timeLeft(at, new Date(rendered), disclosed),
  );
  return <span>{text}</span>;
}
