import type { FieldError } from '@skillway/core';

/**
 * Errors the services raise for broken rules. `statusCode` is the HTTP status the API answers with
 * (Fastify's error handler reads it); `errors` names the fields at fault.
 */
export class ServiceError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const invalid = (message: string, errors: FieldError[]) => new ServiceError(400, message, errors);
export const unauthorised = (message: string) => new ServiceError(401, message);
export const forbidden = (message: string) => new ServiceError(403, message);
export const notFound = (message: string) => new ServiceError(404, message);
export const conflict = (message: string, errors?: FieldError[]) => new ServiceError(409, message, errors);
