// Typed errors with an allowlist of what a user may read. Anything else is logged with an id and shown generically.

export class AppError extends Error {
  /** Safe to show to the user as is. */
  readonly publicMessage: string;
  constructor(publicMessage: string) {
    super(publicMessage);
    this.name = new.target.name;
    this.publicMessage = publicMessage;
  }
}

/** Missing and forbidden look the same to the caller. */
export class NotFoundError extends AppError {
  constructor() {
    super("Not found.");
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("Please sign in.");
  }
}

/** Signed in, but this action needs something more (second factor) or is not for this role. */
export class ForbiddenError extends AppError {
  constructor(message = "You cannot do this.") {
    super(message);
  }
}

export class ValidationError extends AppError {
  readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.fieldErrors = fieldErrors;
  }
}

/**
 * Refused until the person ticks a box saying they mean it (e.g. a name that looks like another organisation's): the
 * form shows a checkbox named `confirm.field` with `confirm.value` and the label, and sends it with the next try.
 */
export type Confirmation = { field: string; value: string; label: string };
export class ConfirmationRequiredError extends ValidationError {
  readonly confirm: Confirmation;
  constructor(message: string, fieldErrors: Record<string, string[]>, confirm: Confirmation) {
    super(message, fieldErrors);
    this.confirm = confirm;
  }
}

export class ConflictError extends AppError {}

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute(s).`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; errorId?: string; confirm?: Confirmation };

/** Turns any thrown value into what a user may see; unexpected errors are logged with an id. */
export function toActionError(error: unknown): Extract<ActionResult, { ok: false }> {
  if (error instanceof ConfirmationRequiredError) return { ok: false, error: error.publicMessage, fieldErrors: error.fieldErrors, confirm: error.confirm };
  if (error instanceof ValidationError) return { ok: false, error: error.publicMessage, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { ok: false, error: error.publicMessage };
  const errorId = crypto.randomUUID().slice(0, 8);
  console.error(`[forewarn] unexpected error ${errorId}:`, error);
  return { ok: false, error: `Something went wrong (reference ${errorId}). Nothing was changed; try again.`, errorId };
}
