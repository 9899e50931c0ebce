// A notice's facts and sections as every page shows them — the maintainer's view, "Preview as vendor" and the vendor's
// page — rendered from the one field list (lib/notices/notice-fields.ts) that the encrypted email and the API follow
// too. Markdown only through the sanitizing renderer; ranges and links through the parsers the exports use.
import { AffectedRanges, ReferenceLinks } from "@/components/advisories/affected-ranges";
import { Markdown } from "@/components/ui/markdown";
import { Time } from "@/components/ui/time";
import { NOTICE_FACTS, NOTICE_SECTIONS, sectionIsEmpty, type NoticeContent, type NoticeSection } from "@/lib/notices/notice-fields";
import { markText } from "@/lib/notices/copy-marks";

function SectionBody({ section, notice, mark }: { section: NoticeSection; notice: NoticeContent; mark?: string | null }) {
  switch (section.kind) {
    case "ranges":
      return <AffectedRanges value={notice[section.key]} />;
    case "links":
      return <ReferenceLinks value={notice[section.key]} />;
    case "markdown":
      return (
        <Markdown shared mark={mark}>
          {notice[section.key]}
        </Markdown>
      );
    case "plain":
      // Versions are identifiers a reader copies: only the summary is prose (lib/notices/copy-marks.ts).
      return <p className="text-sm break-words whitespace-pre-line">{section.key === "summary" ? markText(notice[section.key], mark) : notice[section.key]}</p>;
  }
}

/**
 * Every section of the notice in reading order. `emptyText`: what an empty section says (the maintainer's view shows
 * every section); without it an empty section is left out (what recipients read). `mark`: the code of the reader's copy
 * of an embargoed notice, woven invisibly into its prose (leak tracing); none for maintainers.
 */
export function NoticeSections({ notice, level, idPrefix, emptyText, mark }: { notice: NoticeContent; level: 2 | 3; idPrefix: string; emptyText?: string; mark?: string | null }) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <>
      {NOTICE_SECTIONS.map((section) => {
        const empty = sectionIsEmpty(section, notice);
        if (empty && emptyText === undefined) return null;
        const id = `${idPrefix}-${section.key}`;
        return (
          <section key={section.key} aria-labelledby={id} className="space-y-2">
            <Heading id={id} className={level === 2 ? "text-lg font-semibold" : "font-semibold text-slate-900"}>
              {section.title}
            </Heading>
            {empty ? <p className="text-sm text-slate-600">{emptyText}</p> : <SectionBody section={section} notice={notice} mark={mark} />}
          </section>
        );
      })}
    </>
  );
}

/** The short facts (CVE, weakness, severity, credit) as rows of a definition list; `emptyText` as for the sections. */
export function NoticeFacts({ notice, emptyText }: { notice: NoticeContent; emptyText?: string }) {
  return (
    <>
      {NOTICE_FACTS.map((fact) => {
        const text = fact.text(notice);
        if (!text && emptyText === undefined) return null;
        return (
          <div key={fact.label} className="contents">
            <dt className="text-slate-600">{fact.label}</dt>
            <dd className={text ? "break-words" : "text-slate-600"}>{text || emptyText}</dd>
          </div>
        );
      })}
    </>
  );
}

type Disclosure = { disclosureAt: Date; disclosedAt: Date | null; plannedDisclosureAt: Date | null; endReason: string | null };

/**
 * When a disclosed notice became public, and, if its embargo ended early, the time that had been planned and why:
 * "Public since 2026-12-02 10:00 UTC (planned 2026-12-08 14:00 UTC, ended early: exploited in the wild)".
 */
export function PublicSince({ notice }: { notice: Disclosure }) {
  const early = notice.plannedDisclosureAt !== null || notice.endReason !== null;
  return (
    <>
      Public since <Time value={notice.disclosedAt ?? notice.disclosureAt} />
      {early ? (
        <>
          {" "}
          ({notice.plannedDisclosureAt ? (
            <>
              planned <Time value={notice.plannedDisclosureAt} />,{" "}
            </>
          ) : null}
          ended early{notice.endReason ? <span className="break-words whitespace-pre-line">: {notice.endReason}</span> : null})
        </>
      ) : null}
    </>
  );
}
