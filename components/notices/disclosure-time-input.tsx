"use client";
// The disclosure time: a wall-clock date and time plus its zone (UTC unless chosen otherwise), always showing the
// UTC instant that will be stored, which is what the form submits (ISO with Z). What a change of zone does depends on
// where the time came from, and the form says which it did:
//  - typed: the wall-clock time stays what was typed and is read in whichever zone is chosen, however many zones
//    are passed on the way ("15:00", then Europe/Berlin, is 15:00 in Berlin; arrowing through the list keeps 15:00)
//    — people type the time first and pick its zone second;
//  - stored (an edit's starting value), or shown with "Show in my time zone": the same moment, shown in the new
//    zone, so that looking at a stored time in another zone never moves it.
import { useId, useState, useSyncExternalStore } from "react";
import { COMMON_TIME_ZONES, formatOffset, formatUtcInstant, isTimeZone, toIsoUtc, utcToZoned, zonedToUtc } from "@/lib/time/zones";
import { FieldError } from "@/components/ui/field";

const subscribe = () => () => undefined;
let allZones: readonly string[] | undefined;
function browserZones(): readonly string[] {
  // Older browsers without the list keep the common zones.
  allZones ??= typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")] : COMMON_TIME_ZONES;
  return allZones;
}
const serverZones = () => COMMON_TIME_ZONES;
const browserZone = () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : null;
};

export function DisclosureTimeInput({
  name = "disclosureAt",
  legend = "Disclosure date and time",
  hint,
  initial,
  errors,
}: {
  name?: string;
  legend?: string;
  hint?: string;
  initial: Date | string | null;
  errors?: string[] | undefined;
}) {
  const id = useId();
  const [zone, setZone] = useState("UTC");
  const [local, setLocal] = useState(() => (initial ? utcToZoned(new Date(initial), "UTC") : ""));
  const zones = useSyncExternalStore(subscribe, browserZones, serverZones);
  const mine = useSyncExternalStore(subscribe, browserZone, () => null);
  // Typed (the wall-clock time is the anchor) or stored/converted (the moment is): see the top of the file.
  const [typed, setTyped] = useState(false);
  const [changed, setChanged] = useState<string | null>(null);
  const resolved = zonedToUtc(local, zone);

  const changeZone = (next: string, { view = false } = {}) => {
    if (!isTimeZone(next) || next === zone) return;
    const shown = next.replaceAll("_", " ");
    if (resolved && (view || !typed)) {
      setLocal(utcToZoned(resolved.instant, next));
      setChanged(`The same moment, shown in ${shown} time.`);
    } else {
      setChanged(local ? `${local.replace("T", " ")} is now read as ${shown} time.` : null);
    }
    if (view) setTyped(false);
    setZone(next);
  };
  const options = zones.includes(zone) ? zones : [zone, ...zones];

  return (
    <fieldset className="space-y-3" aria-describedby={[hint ? `${id}-hint` : null, `${id}-result`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="-mt-2 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-local`} className="block text-sm text-slate-700">
            Date and time in the chosen zone
          </label>
          <input
            id={`${id}-local`}
            type="datetime-local"
            step={60}
            required
            value={local}
            onChange={(event) => {
              setLocal(event.target.value);
              setTyped(true);
              setChanged(null);
            }}
            aria-invalid={errors?.length || (local && !resolved) ? true : undefined}
            className={`mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm ${errors?.length ? "border-red-500" : "border-slate-300"}`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-zone`} className="block text-sm text-slate-700">
            Time zone
          </label>
          <select id={`${id}-zone`} value={zone} onChange={(event) => changeZone(event.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-slate-900">
            {options.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {mine && mine !== zone ? (
            <button type="button" onClick={() => changeZone(mine, { view: true })} className="mt-1 rounded text-sm text-indigo-700 underline">
              Show in my time zone ({mine.replaceAll("_", " ")})
            </button>
          ) : null}
        </div>
      </div>
      <p id={`${id}-result`} aria-live="polite" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
        {resolved ? (
          <>
            = <strong className="font-semibold tabular-nums">{formatUtcInstant(resolved.instant)}</strong>
            {zone !== "UTC" ? <span className="text-slate-600"> ({zone.replaceAll("_", " ")} is {formatOffset(resolved.offset)} then)</span> : null}
            {changed ? <span className="block text-slate-600">{changed}</span> : null}
          </>
        ) : local ? (
          "That date and time is not valid."
        ) : (
          "Enter the date and time of public disclosure."
        )}
      </p>
      {resolved?.kind === "skipped" ? (
        <p className="text-sm text-amber-800">
          {local.replace("T", " ")} does not exist in {zone.replaceAll("_", " ")} (the clocks move forward that night): the time above is the one used.
        </p>
      ) : null}
      {resolved?.kind === "repeated" ? (
        <p className="text-sm text-amber-800">
          {local.replace("T", " ")} happens twice in {zone.replaceAll("_", " ")} (the clocks move back that night): the first one is used, as shown above.
        </p>
      ) : null}
      <input type="hidden" name={name} value={resolved ? toIsoUtc(resolved.instant) : ""} />
      <FieldError id={id} errors={errors} />
    </fieldset>
  );
}
