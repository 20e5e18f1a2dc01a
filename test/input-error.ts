/**
 * The InputError a call refuses with: any other error is rethrown, and a call
 * that succeeds fails the test. Tests then assert on its input, value and fix.
 */
import { InputError } from "../src/core/errors.js";

export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

export async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError, but it succeeded");
}
