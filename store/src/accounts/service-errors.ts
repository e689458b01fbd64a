import { DomainError, type FieldError } from '@skillway/core';

/**
 * Shorthands for the domain errors the services raise for broken rules. Field paths are relative to
 * the request body the service was given (`email` -> `body.email` in the API's problem document).
 */
export const invalid = (message: string, errors: FieldError[]) =>
  new DomainError('invalid', message, errors, { input: 'body' });
export const unauthorised = (message: string) => new DomainError('unauthorised', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not-found', message);
export const conflict = (message: string, errors?: FieldError[]) =>
  new DomainError('conflict', message, errors, { input: 'body' });
/** a dependency (the mail server) failed; the message is the same for every caller, never the cause's text */
export const unavailable = (message: string, cause: unknown) => new DomainError('unavailable', message, [], { cause });
