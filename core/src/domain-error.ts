import type { FieldError } from './validation';

/**
 * What kind of broken rule a domain error is. The API maps each kind to one HTTP status in its one
 * error handler (api/src/problems/problem.ts); a CLI maps it to a message and an exit code.
 */
export const DOMAIN_ERROR_KINDS = [
  'invalid',
  'unauthorised',
  'forbidden',
  'not-found',
  'conflict',
  'unavailable',
] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

/** Which part of a request the field paths of a domain error are relative to (`body` -> `body.email`). */
export type DomainErrorInput = 'body' | 'querystring' | 'params';

export interface DomainErrorOptions extends ErrorOptions {
  /** set when `errors[].field` are paths in the caller's input; the API prefixes them with this part */
  input?: DomainErrorInput;
}

/**
 * The one base of every error the domain (store's services and repositories, search, matching, query
 * understanding) raises on purpose. It lives in core, below every package that throws it, so query
 * and store share it without a cycle. Its message is written for the person who sent the input: the
 * API shows it as the problem's `detail` and `errors` as the problem's field errors, with no
 * registration in any route.
 */
export class DomainError extends Error {
  readonly errors: FieldError[];
  readonly input: DomainErrorInput | undefined;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    errors: FieldError[] = [],
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.errors = errors;
    this.input = options.input;
  }
}
