import { describe, expect, it } from "vitest";
import { calendarEvent, type EventHistory } from "./calendar-event";

const t = (iso: string) => new Date(`2026-03-${iso}Z`);
const sent: EventHistory = { revision: 0, lastRevisionAt: null, createdAt: t("01T09:00:00"), sentAt: t("02T10:00:00"), disclosedAt: null, plannedDisclosureAt: null, withdrawnAt: null };

describe("calendarEvent", () => {
  it("SEQUENCE and DTSTAMP follow each change of the event, and never go back", () => {
    const steps: Array<[string, EventHistory, { sequence: number; changedAt: Date; cancelled: boolean }]> = [
      ["sent", sent, { sequence: 0, changedAt: t("02T10:00:00"), cancelled: false }],
      ["date moved (revision 1)", { ...sent, revision: 1, lastRevisionAt: t("03T08:00:00") }, { sequence: 1, changedAt: t("03T08:00:00"), cancelled: false }],
      ["disclosed on time: nothing about the event changed", { ...sent, revision: 1, lastRevisionAt: t("03T08:00:00"), disclosedAt: t("09T14:00:00") }, { sequence: 1, changedAt: t("03T08:00:00"), cancelled: false }],
      ["embargo ended early: the time moved", { ...sent, revision: 1, lastRevisionAt: t("03T08:00:00"), disclosedAt: t("05T11:00:00"), plannedDisclosureAt: t("09T14:00:00") }, { sequence: 2, changedAt: t("05T11:00:00"), cancelled: false }],
      ["withdrawn after that", { ...sent, revision: 1, lastRevisionAt: t("03T08:00:00"), disclosedAt: t("05T11:00:00"), plannedDisclosureAt: t("09T14:00:00"), withdrawnAt: t("06T12:00:00") }, { sequence: 3, changedAt: t("06T12:00:00"), cancelled: true }],
    ];
    let last = -1;
    for (const [name, history, expected] of steps) {
      const event = calendarEvent(history);
      expect(event, name).toEqual(expected);
      expect(event.sequence, name).toBeGreaterThanOrEqual(last);
      last = event.sequence;
    }
  });

  it("a notice not sent yet is stamped with its creation", () => {
    expect(calendarEvent({ ...sent, sentAt: null }).changedAt).toEqual(t("01T09:00:00"));
  });
});
