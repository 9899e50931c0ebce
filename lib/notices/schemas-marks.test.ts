// A quote pasted from one organisation's marked copy (lib/tracing) must not carry that organisation's mark into what
// every other recipient, or the public after disclosure, reads: the notice's text fields come out of the schemas clean.
import { describe, expect, it } from "vitest";
import { encodeMark } from "@/lib/tracing/mark-codec";
import { findTextMarks } from "@/lib/tracing/text-marks";
import { EndEmbargoSchema, MessageSchema, NoticeDraftSchema, ReviseNoticeSchema } from "./schemas";

const mark = encodeMark("0123456789abcdef");
const quoted = `As the advisory said: the ${mark}parser reads past the end ${mark}of the buffer.`;

describe("notice text fields drop leak-tracing marks", () => {
  it("the marked quote really carries a mark (the test can fail)", () => {
    expect(findTextMarks(quoted)).toEqual([{ code: "0123456789abcdef", count: 2 }]);
  });

  it("draft fields, change notes, reasons and messages are stored without marks, the words unchanged", () => {
    const draft = NoticeDraftSchema.parse({ title: `Title ${mark}here`, summary: quoted, description: quoted, remediation: quoted, embargoNotes: quoted, disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    for (const value of [draft.title, draft.summary, draft.description, draft.remediation, draft.embargoNotes]) expect(findTextMarks(value)).toEqual([]);
    expect(draft.description).toBe("As the advisory said: the parser reads past the end of the buffer.");
    expect(findTextMarks(ReviseNoticeSchema.parse({ noticeId: "n1", changeNote: quoted, version: "1" }).changeNote)).toEqual([]);
    expect(findTextMarks(EndEmbargoSchema.parse({ noticeId: "n1", reason: quoted }).reason)).toEqual([]);
    expect(findTextMarks(MessageSchema.parse({ noticeId: "n1", body: quoted }).body)).toEqual([]);
  });
});
