import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-helpers';

/** Accounts: providers submit and maintain listings; moderators review them. */
export const USER_ROLES = ['provider', 'moderator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** The header that must echo the session's CSRF token on every cookie-authenticated write. */
export const CSRF_HEADER = 'x-skillway-csrf';
export const SESSION_COOKIE = 'skillway_session';

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

export const SignupBodySchema = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'the person or organisation behind the account' }),
    ),
  },
  { $id: 'SignupBody', additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBodySchema>;

export const LoginBodySchema = Type.Object(
  // No length rules on a sign-in password: the answer must not tell which passwords could exist.
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { $id: 'LoginBody', additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const PasswordChangeBodySchema = Type.Object(
  { current_password: Type.String({ minLength: 1, maxLength: 1024 }), new_password: Password },
  { $id: 'PasswordChangeBody', additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    role: StringEnum(USER_ROLES),
    email_verified: Type.Boolean(),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;

/** What sign-in and GET /me answer: who is signed in and the token to echo in the CSRF header. */
export const SessionSchema = Type.Object(
  {
    user: Type.Ref(UserSchema),
    csrf_token: Type.String({ description: `send it back in the \`${CSRF_HEADER}\` header on every write` }),
    expires_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Session' },
);
export type Session = Static<typeof SessionSchema>;
