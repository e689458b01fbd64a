import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  LoginBodySchema,
  PasswordChangeBodySchema,
  SESSION_COOKIE,
  SessionSchema,
  SignupBodySchema,
} from '@skillway/core';
import { MAIL_FAILED, SIGNUP_ACCEPTED } from '@skillway/store';
import { problemResponses } from '../../../problems/problem';
import {
  AcceptedSchema,
  AUTH_MAIL_SCHEMAS,
  PasswordResetBodySchema,
  PasswordResetRequestBodySchema,
  VerifyEmailBodySchema,
} from './schemas';

/** What sign-up answers, whether or not the address has an account (issue 16: no account enumeration). */
export { SIGNUP_ACCEPTED };

/** What a failed e-mail answers (503), the same for every address; the account service raises it. */
export { MAIL_FAILED };

export const RESET_REQUESTED =
  'If an account has this e-mail address, we have sent it a link to choose a new password. It works for an hour.';
export const VERIFICATION_SENT = 'We have sent a new confirmation link to your e-mail address.';

const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  const { accounts } = fastify.services;
  for (const schema of AUTH_MAIL_SCHEMAS) if (!fastify.getSchema(schema.$id!)) fastify.addSchema(schema);

  fastify.post(
    '/auth/signup',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Start a provider account: sends a link that creates it',
        description:
          'Answers 202 and the same message whether or not the address has an account; the e-mail says which ' +
          '(a link to confirm the address, or "you already have an account"). The account exists once ' +
          "`POST /auth/verify-email` gets the link's token. Moderators are created on the server with `npm run user:create`.",
        body: SignupBodySchema,
        response: { 202: Type.Ref(AcceptedSchema), ...problemResponses(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await accounts.signUp(request.body);
      reply.header('cache-control', 'no-store');
      return reply.code(202).send({ message: SIGNUP_ACCEPTED });
    },
  );

  fastify.post(
    '/auth/verify-email',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Confirm an e-mail address with the token from the link, and sign in',
        description:
          'Creates the account of a sign-up waiting for this link, or confirms the address of an existing account. ' +
          'Each link works once, for 3 days, and only the newest one of an address. Sets the session cookie.',
        body: Type.Ref(VerifyEmailBodySchema),
        response: { 200: Type.Ref(SessionSchema), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) =>
      fastify.startSession(request, reply, await accounts.verifyEmailAndOpenSession(request.body.token)),
  );

  fastify.post(
    '/auth/verify-email/request',
    {
      onRequest: fastify.requireSession(),
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Send a new confirmation link to the signed-in account (when its address is not confirmed yet)',
        response: { 202: Type.Ref(AcceptedSchema), ...problemResponses(401, 403, 429, 503) },
      },
    },
    async (request, reply) => {
      await accounts.requestEmailVerification(request.session!.user.id);
      return reply.code(202).send({ message: VERIFICATION_SENT });
    },
  );

  fastify.post(
    '/auth/password-reset/request',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Send a link to choose a new password',
        description: 'Answers 202 and the same message whether or not the address has an account.',
        body: Type.Ref(PasswordResetRequestBodySchema),
        response: { 202: Type.Ref(AcceptedSchema), ...problemResponses(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email);
      reply.header('cache-control', 'no-store');
      return reply.code(202).send({ message: RESET_REQUESTED });
    },
  );

  fastify.post(
    '/auth/password-reset',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Choose a new password with the token from the link; every session of the account ends',
        description:
          'Each link works once, for an hour, and only the newest one. Following it also confirms the address.',
        body: Type.Ref(PasswordResetBodySchema),
        response: { 204: Type.Null(), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.body);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/auth/login',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in',
        description: 'Sets the HTTP-only session cookie and answers the CSRF token to send with every write.',
        body: LoginBodySchema,
        response: { 200: Type.Ref(SessionSchema), ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => fastify.startSession(request, reply, await accounts.logIn(request.body)),
  );

  fastify.post(
    '/auth/logout',
    {
      onRequest: fastify.requireSession(),
      config: { ...fastify.rateLimits.write },
      schema: {
        tags: ['accounts'],
        summary: 'Sign out: ends this session on the server and clears the cookie',
        response: { 204: Type.Null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await accounts.logOut(request.cookies[SESSION_COOKIE]!);
      fastify.clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/auth/password',
    {
      onRequest: fastify.requireSession(),
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Change the password; every other session of the account ends',
        body: PasswordChangeBodySchema,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await accounts.changePassword(request.session!, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default auth;
