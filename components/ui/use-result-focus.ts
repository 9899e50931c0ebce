"use client";
// Where focus goes after a form's server action answers (WCAG 2.4.3, 3.3.1): to the first field the answer marked
// invalid, else to the answer's message (role=alert or role=status). Without this, focus stays on the submit button
// and a keyboard or screen-reader user has to hunt for what happened; a sighted user sees the page change.
import { useEffect, useRef, type RefObject } from "react";

const MESSAGE = '[role="alert"], [role="status"]';

/** Moves focus inside `root` to what the latest answer changed; a message becomes focusable for this (tabIndex -1). */
export function focusResult(root: HTMLElement): void {
  const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  // An empty live region (a status line waiting for the next pending state) is not an answer.
  const message = [...root.querySelectorAll<HTMLElement>(MESSAGE)].find((el) => el.textContent?.trim());
  const target = invalid ?? message;
  if (!target) return;
  if (!target.matches("input, select, textarea, button, a[href], [tabindex]")) target.tabIndex = -1;
  target.focus();
}

/** A ref for a form: each new action state (a new answer object) moves focus to its result inside the form. */
export function useResultFocus<E extends HTMLElement = HTMLFormElement>(state: unknown): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (state && ref.current) focusResult(ref.current);
  }, [state]);
  return ref;
}
