import fp from 'fastify-plugin';
import type { FastifyReply } from 'fastify';
import type { Problem } from '@skillway/core';
import { PROBLEM_CONTENT_TYPE, problem, problemFromError } from '../../problems/problem';

function sendProblem(reply: FastifyReply, body: Problem) {
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store').send(body);
}

/** The one error handler and the one not-found handler of the API: every failure is a problem document. */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error, request, reply) => {
      let body: Problem;
      try {
        body = problemFromError(error, request.id);
      } catch (formatting) {
        // Describing the error failed too (a hostile value in it, say): still answer a problem document.
        request.log.error({ err: formatting }, 'could not describe an error');
        body = problem(
          500,
          `Something went wrong on our side. If it keeps happening, report request id ${request.id}.`,
        );
      }
      if (body.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ status: body.status, errors: body.errors, detail: body.detail }, 'request refused');
      return sendProblem(reply, body);
    });

    fastify.setNotFoundHandler(
      // Unknown URLs count against the rate limit too, or scanning for them would be free.
      { preHandler: fastify.hasDecorator('rateLimit') ? fastify.rateLimit() : undefined },
      (request, reply) => {
        const path = request.url.split('?')[0];
        return sendProblem(
          reply,
          problem(
            404,
            `Nothing here: ${request.method} ${path}. The API is under /api/v1; its documentation is at /api/v1/docs.`,
          ),
        );
      },
    );
  },
  { name: 'problem-handlers', dependencies: ['rate-limit'] },
);
