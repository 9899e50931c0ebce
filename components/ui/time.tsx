"use client";
// A time always shown with its zone: UTC from the server, plus the viewer's local time once in the browser.
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatLocal(date: Date, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short", ...(timeZone ? { timeZone } : {}) }).format(date);
}

export function Time({ value }: { value: Date | string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const local = useSyncExternalStore(
    subscribe,
    () => formatLocal(date),
    () => null,
  );
  return (
    <time dateTime={date.toISOString()} title={local ?? undefined}>
      {formatUtc(date)}
      {local ? <span className="text-slate-600"> ({local})</span> : null}
    </time>
  );
}
