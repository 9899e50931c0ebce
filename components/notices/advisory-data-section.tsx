"use client";
// The part of the notice form that feeds the published advisory's machine-readable forms (OSV, CSAF): affected
// ranges per package (introduced / fixed / last affected, or commits of a git repository), typed links, and the
// mitigation and workaround texts. The ranges are edited as rows and posted as JSON; the server checks every row.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-section";
import { FieldError, TextArea } from "@/components/ui/field";
import { OSV_ECOSYSTEMS } from "@/lib/packages/ecosystems";
import { derivePurl } from "@/lib/packages/purl";
import { MarkdownField } from "./markdown-field";
import type { AdvisoryDataValues } from "./notice-form-values";
import { purlForRow, type KnownPackage, type RangeRow } from "./range-rows";

export type { KnownPackage } from "./range-rows";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-900 shadow-sm focus:border-indigo-600 focus:ring-2 focus:ring-indigo-600 focus:outline-none";

function RangeEditor({ rows, setRows, packages }: { rows: RangeRow[]; setRows: (rows: RangeRow[]) => void; packages: KnownPackage[] }) {
  const id = useId();
  const update = (index: number, patch: Partial<RangeRow>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch, purl: purlForRow({ ...row, ...patch }, packages) } : row)));
  const first = packages[0];
  const blank: RangeRow = { ecosystem: first?.ecosystem ?? "", name: first?.name ?? "", purl: first?.purl ?? "", rangeType: "ECOSYSTEM", repo: "", introduced: "", fixed: "", lastAffected: "" };
  return (
    <div className="space-y-3">
      <datalist id={`${id}-ecosystems`}>
        {OSV_ECOSYSTEMS.map((e) => (
          <option key={e} value={e} />
        ))}
      </datalist>
      {packages.length ? (
        <datalist id={`${id}-packages`}>
          {packages.map((p) => (
            <option key={`${p.ecosystem} ${p.name}`} value={p.name}>
              {p.ecosystem}
            </option>
          ))}
        </datalist>
      ) : null}
      {rows.length === 0 ? <p className="text-sm text-slate-600">No structured ranges yet: scanners reading the OSV record will not match any version.</p> : null}
      <ol className="space-y-3">
        {rows.map((row, i) => {
          const f = (name: string) => `${id}-${i}-${name}`;
          const git = row.rangeType === "GIT";
          return (
            <li key={i} className="rounded-md border border-slate-200 p-3">
              <fieldset>
                <legend className="text-sm font-medium text-slate-800">Range {i + 1}</legend>
                <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  <div>
                    <label className="block text-sm text-slate-800" htmlFor={f("type")}>
                      Kind of versions
                    </label>
                    <select id={f("type")} value={row.rangeType} onChange={(e) => update(i, { rangeType: e.target.value as RangeRow["rangeType"] })} className={input}>
                      <option value="ECOSYSTEM">Package versions (ecosystem order)</option>
                      <option value="SEMVER">Semantic versions</option>
                      <option value="GIT">Git commits</option>
                    </select>
                  </div>
                  {git ? (
                    <div className="lg:col-span-2">
                      <label className="block text-sm text-slate-800" htmlFor={f("repo")}>
                        Repository (https URL)
                      </label>
                      <input id={f("repo")} value={row.repo} onChange={(e) => update(i, { repo: e.target.value })} className={input} placeholder="https://github.com/org/project" spellCheck={false} />
                    </div>
                  ) : (
                    <div>
                      <label className="block text-sm text-slate-800" htmlFor={f("ecosystem")}>
                        Ecosystem
                      </label>
                      <input
                        id={f("ecosystem")}
                        list={`${id}-ecosystems`}
                        value={row.ecosystem}
                        onChange={(e) => update(i, { ecosystem: e.target.value })}
                        className={input}
                        placeholder="PyPI, npm, Debian:12…"
                        aria-describedby={f("ecosystem-hint")}
                        autoComplete="off"
                        spellCheck={false}
                      />
                      <p id={f("ecosystem-hint")} className="mt-1 text-xs text-slate-600">
                        As OSV spells it; distributions add their release, e.g. Debian:12, Ubuntu:22.04:LTS, Alpine:v3.16.
                      </p>
                    </div>
                  )}
                  <div>
                    <label className="block text-sm text-slate-800" htmlFor={f("name")}>
                      {git ? "Project name" : "Package"}
                    </label>
                    <input
                      id={f("name")}
                      list={packages.length ? `${id}-packages` : undefined}
                      value={row.name}
                      onChange={(e) => {
                        const known = packages.find((p) => p.name === e.target.value);
                        update(i, { name: e.target.value, ...(known && !git ? { ecosystem: known.ecosystem } : {}) });
                      }}
                      className={input}
                      spellCheck={false}
                    />
                  </div>
                  <div>
                    <label className="block text-sm text-slate-800" htmlFor={f("introduced")}>
                      Introduced in {git ? "commit" : "version"}
                    </label>
                    <input id={f("introduced")} value={row.introduced} onChange={(e) => update(i, { introduced: e.target.value })} className={input} placeholder="empty: all earlier" spellCheck={false} />
                  </div>
                  <div>
                    <label className="block text-sm text-slate-800" htmlFor={f("fixed")}>
                      Fixed in {git ? "commit" : "version"}
                    </label>
                    <input id={f("fixed")} value={row.fixed} onChange={(e) => update(i, { fixed: e.target.value })} className={input} spellCheck={false} />
                  </div>
                  <div>
                    <label className="block text-sm text-slate-800" htmlFor={f("last")}>
                      Last affected (if no fix)
                    </label>
                    <input id={f("last")} value={row.lastAffected} onChange={(e) => update(i, { lastAffected: e.target.value })} className={input} spellCheck={false} />
                  </div>
                </div>
                {!git ? (
                  <p className="mt-2 text-xs break-all text-slate-600" data-testid="range-purl">
                    Package URL: <span className="font-mono">{row.purl || derivePurl(row.ecosystem, row.name) || "none for this ecosystem"}</span>
                  </p>
                ) : null}
                <Button type="button" variant="ghost" className="mt-2 px-2 py-1" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  Remove range {i + 1}
                </Button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="secondary" onClick={() => setRows([...rows, blank])}>
        Add an affected range
      </Button>
    </div>
  );
}

export function AdvisoryDataSection({ initial, packages, errors }: { initial: AdvisoryDataValues; packages: KnownPackage[]; errors: Record<string, string[] | undefined> }) {
  const [rows, setRows] = useState(initial.affectedPackages);
  const [text, setText] = useState({ mitigation: initial.mitigation, workaround: initial.workaround });
  return (
    <FormSection legend="For the published advisory" description="All optional. Recipients see these too; once disclosed they go into the OSV record that scanners read and the CSAF document distributors read.">
      <div>
        <h2 className="text-sm font-medium text-slate-800">Affected ranges</h2>
        <p className="mb-2 text-sm text-slate-600">One row per package and range. A version that introduced the problem and the one that fixed it; leave “introduced” empty when every earlier version is affected.</p>
        <input type="hidden" name="affectedPackages" value={JSON.stringify(rows.map(({ ecosystem, name, purl, rangeType, repo, introduced, fixed, lastAffected }) => ({ ecosystem, name, purl, rangeType, repo, introduced, fixed, lastAffected })))} />
        <RangeEditor rows={rows} setRows={setRows} packages={packages} />
        <FieldError id="affectedPackages-error" errors={errors.affectedPackages} />
      </div>
      <TextArea
        label="Links (optional)"
        name="references"
        rows={3}
        defaultValue={initial.references}
        hint="One per line, optionally after its kind: fix, advisory, package, report, article or web. e.g. “fix https://github.com/org/repo/commit/abc123”."
        errors={errors.references}
        spellCheck={false}
      />
      <MarkdownField label="Mitigation (optional)" name="mitigation" rows={4} hint="What reduces the risk until the fix is deployed. Markdown." value={text.mitigation} onChange={(mitigation) => setText((t) => ({ ...t, mitigation }))} errors={errors.mitigation} />
      <MarkdownField label="Workaround (optional)" name="workaround" rows={4} hint="A change that avoids the problem without the fix. Markdown." value={text.workaround} onChange={(workaround) => setText((t) => ({ ...t, workaround }))} errors={errors.workaround} />
    </FormSection>
  );
}
