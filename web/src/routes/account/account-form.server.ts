import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api';

/**
 * Why sign-in did not work, as the person should read it: one message for a wrong address and a wrong
 * password (the API does not tell them apart either), a clear one for the rate limit.
 */
export function signInFailure(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return m.account_too_many();
    if (e.status === 400 || e.status === 401) return m.account_signin_wrong();
  }
  return m.error_unavailable();
}

/** Field name in an API error (`body.new_password`) as the form calls it. */
export function apiField(field: string): string {
  return field.replace(/^body\.?/, '');
}
