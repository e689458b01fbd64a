import { STATUS_CODES } from 'node:http';
import { Type } from '@sinclair/typebox';
import {
  DomainError,
  formatAjvErrors,
  ProblemSchema,
  type DomainErrorKind,
  type FieldError,
  type Problem,
} from '@skillway/core';
import type { FastifyError } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * A failure of the HTTP layer itself (no session, wrong role, a dependency down for /ready), with the
 * status and words a client should see. What the domain refuses is a DomainError from core instead.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** The one mapping from a domain error's kind to an HTTP status. */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
};

/** A domain error as a problem; its field paths get the request part they are relative to (`body.email`). */
function problemFromDomainError(error: DomainError): Problem {
  const part = error.input;
  const errors = error.errors.map(({ field, reason }) => ({
    field: part ? (field ? `${part}.${field}` : part) : field,
    reason,
  }));
  return problem(STATUS_OF_KIND[error.kind], error.message, errors);
}

export function problem(status: number, detail: string, errors?: FieldError[]): Problem {
  // `about:blank`: the status says what kind of problem it is; RFC 9457 then wants the status phrase as title.
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

const PART_NAMES: Record<string, string> = {
  querystring: 'query string',
  body: 'request body',
  params: 'path',
  headers: 'headers',
};

/**
 * The one translation of errors into problem documents, called by the one error handler
 * (plugins/app/problem-handlers.plugin.ts): no route catches or registers anything. Domain errors keep
 * their message and field errors; validation
 * errors name each field as `<part>.<path>` (`querystring.country[0]`); client errors keep their
 * message; server errors get a generic message, since their text can carry internals.
 */
export function problemFromError(error: unknown, requestId: string): Problem {
  if (error instanceof HttpProblem) return problem(error.status, error.detail, error.errors);
  if (error instanceof DomainError) return problemFromDomainError(error);
  const e = error as Partial<FastifyError> & { status?: number };
  if (e.validation) {
    const part = e.validationContext ?? 'request';
    const errors = formatAjvErrors(e.validation as never).map(({ field, reason }) => ({
      field: field ? `${part}.${field}` : part,
      reason,
    }));
    const count = errors.length === 1 ? 'one problem' : `${errors.length} problems`;
    return problem(400, `The ${PART_NAMES[part] ?? part} has ${count}; see errors.`, errors);
  }
  const status = e.statusCode ?? e.status ?? 500;
  if (status >= 400 && status < 500) {
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
      return problem(400, `The request body is not valid JSON: ${e.message}`);
    return problem(status, e.message || STATUS_CODES[status] || 'Bad request');
  }
  return problem(
    status >= 500 && status < 600 ? status : 500,
    `Something went wrong on our side. If it keeps happening, report request id ${requestId}.`,
  );
}

/** OpenAPI response entries for problems, with the right media type. */
export function problemResponses(...statuses: (number | '4xx' | '5xx')[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: typeof status === 'number' ? (STATUS_CODES[status] ?? 'Problem') : `Problem (${status})`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref(ProblemSchema) } },
      },
    ]),
  );
}
