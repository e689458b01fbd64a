import { Type, type Static } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@skillway/core';

/** The token from a link in an e-mail (32 random bytes, base64url); a generous bound, no more. */
const Token = Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });

export const AcceptedSchema = Type.Object(
  { message: Type.String({ description: 'what to do next, in English; the web app shows its own words' }) },
  { $id: 'Accepted' },
);

export const VerifyEmailBodySchema = Type.Object(
  { token: Token },
  { $id: 'VerifyEmailBody', additionalProperties: false },
);
export type VerifyEmailBody = Static<typeof VerifyEmailBodySchema>;

export const PasswordResetRequestBodySchema = Type.Object(
  // No format rule: the answer must be the same for any address, well-formed or not.
  { email: Type.String({ minLength: 1, maxLength: 254 }) },
  { $id: 'PasswordResetRequestBody', additionalProperties: false },
);

export const PasswordResetBodySchema = Type.Object(
  { token: Token, new_password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }) },
  { $id: 'PasswordResetBody', additionalProperties: false },
);

export const AUTH_MAIL_SCHEMAS = [
  AcceptedSchema,
  VerifyEmailBodySchema,
  PasswordResetRequestBodySchema,
  PasswordResetBodySchema,
];
