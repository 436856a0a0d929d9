/**
 * An error in what the user gave us (a flag, a config, a file). The CLI prints
 * its message as one line and exits with code 2; it never shows a stack trace.
 */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** Throws an InputError unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InputError(message);
}
