"use client";
// A form bound to a server action that keeps what was typed when the action answers with an error. React resets a
// form after its `action` runs; long notice forms must not lose their text to a typo in a CVE ID. So the submit is
// taken over (the `action` stays on the form for submissions before hydration) and dispatched in a transition,
// which also gives the pending state. An optional confirmation runs first. The answer takes the focus (the first
// invalid field, else the message), see useResultFocus.
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionResult } from "@/lib/server/errors";
import { focusResult } from "@/components/ui/use-result-focus";

type Action<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

export function useFormAction<T>(action: Action<T>, confirm?: string | (() => string | null)) {
  const [state, dispatch, pending] = useActionState(action, null);
  // The form that was submitted: its answer renders inside it.
  const submitted = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    if (state && submitted.current?.isConnected) focusResult(submitted.current);
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitted.current = event.currentTarget;
    if (pending) return;
    const question = typeof confirm === "function" ? confirm() : confirm;
    if (question && !window.confirm(question)) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return { state, action: dispatch, pending, onSubmit, fieldErrors: state && !state.ok ? (state.fieldErrors ?? {}) : {} };
}
