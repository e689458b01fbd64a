import { error } from '@sveltejs/kit';
import { ApiError, ApiUnavailableError } from './api';

/**
 * Maps a failed API call onto the page's error: a 404 stays a 404, a 400 keeps the API's field errors
 * (shown on the error page), and an unreachable API is a 503 rather than a crash.
 */
export function rethrowApiFailure(e: unknown, messages: { notFound: string; unavailable: string }): never {
  if (e instanceof ApiError) {
    if (e.status === 404) error(404, { message: messages.notFound });
    if (e.status === 400 || e.status === 422) {
      error(400, { message: e.problem?.detail ?? e.message, errors: e.problem?.errors ?? [] });
    }
    if (e.status === 429) error(429, { message: e.problem?.detail ?? messages.unavailable });
    error(502, { message: messages.unavailable });
  }
  if (e instanceof ApiUnavailableError) error(503, { message: messages.unavailable });
  throw e;
}
