import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  LoginBodySchema,
  PasswordChangeBodySchema,
  SESSION_COOKIE,
  SessionSchema,
  SignupBodySchema,
} from '@skillway/core';
import { reportServiceErrors } from '../../../plugins/auth';
import { ServiceError } from '@skillway/store/accounts/service-errors';
import { HttpProblem, problemResponses } from '../../../problems/problem';

/**
 * What a sign-up with an address that has an account answers. It names no field and does not say the
 * address is registered (the hash is computed before the check, so the timing matches a new sign-up).
 * The status alone still tells a new address from a known one: closing that needs sign-up to answer
 * "check your e-mail" in both cases and accounts to work only once verified (see the report on issue 16).
 */
export const SIGNUP_REFUSED =
  'We could not create an account with these details. If you have signed up before, sign in instead.';

const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  reportServiceErrors(fastify);
  const { accounts } = fastify;

  fastify.post(
    '/auth/signup',
    {
      config: { ...fastify.authRateLimits.signIn },
      schema: {
        tags: ['accounts'],
        summary: 'Create a provider account and sign in',
        description: 'Sets the session cookie. Moderators are created on the server with `npm run user:create`.',
        body: SignupBodySchema,
        response: { 201: Type.Ref(SessionSchema), ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const session = await accounts.signUpAndOpenSession(request.body).catch((error: unknown) => {
        // The store says which address is taken; the API does not repeat it (see SIGNUP_REFUSED).
        if (error instanceof ServiceError && error.statusCode === 409) throw new HttpProblem(409, SIGNUP_REFUSED);
        throw error;
      });
      return reply.code(201).send(fastify.startSession(request, reply, session));
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
