import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@skillway/core';
import { m } from '$lib/paraglide/messages';
import { EMAIL_PATTERN } from '$lib/listing-form/listing-form';

/**
 * The checks the account forms run as people type and again on the server, in the UI language. The API
 * applies the same rules (core's account schema) and has the last word.
 */

/** What a refused account form answers: the values to show again (never a password) and the problems. */
export interface AccountFormFailure {
  values: Record<string, string>;
  /** by field name, in the UI language */
  issues: Record<string, string>;
  other: string[];
}

export function emailIssue(email: string): string | null {
  if (!email.trim()) return m.form_error_required();
  return EMAIL_PATTERN.test(email.trim()) ? null : m.form_error_email();
}

/** A new password: the length rule of core's account schema (counted in characters, as the API does). */
export function newPasswordIssue(password: string): string | null {
  const length = [...password].length;
  if (!length) return m.form_error_required();
  if (length < PASSWORD_MIN_LENGTH) return m.form_error_too_short({ limit: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH) return m.form_error_too_long({ limit: PASSWORD_MAX_LENGTH });
  return null;
}

export function requiredIssue(value: string): string | null {
  return value ? null : m.form_error_required();
}

/** Only the fields with a problem. */
export function issuesOf(checks: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter((e): e is [string, string] => e[1] !== null));
}

/**
 * Why sign-in did not work, as the person should read it (by the API's status, undefined when it did
 * not answer): one message for a wrong address and a wrong password, as the API does not tell them
 * apart either, and a clear one for the rate limit.
 */
export function signInProblem(status: number | undefined): string {
  if (status === 429) return m.account_too_many();
  if (status === 400 || status === 401) return m.account_signin_wrong();
  return m.error_unavailable();
}

/** Field name in an API error (`body.new_password`) as the form calls it. */
export function apiField(field: string): string {
  return field.replace(/^body\.?/, '');
}
