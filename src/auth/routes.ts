import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import type { Config } from '../config.js';
import { inRequestOrg, sessionCookie } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { emptyBody, idParams, problemSchema, problems } from '../http/schemas.js';
import {
  loginBody,
  meSchema,
  newTokenSchema,
  sessionSchema,
  signupBody,
  tokenBody,
  tokenSchema,
} from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(sessionCookie, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: 14 * 86_400,
  });
}

export const authRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  const tags = ['auth'];
  const signups: number[] = [];

  app.post('/auth/signup', {
    config: { auth: false },
    schema: {
      tags,
      summary: 'Create an organization and its owner, signed in',
      description:
        config.signupLimitPerHour === undefined
          ? 'Create an organization and its owner, signed in.'
          : `Create an organization and its owner, signed in. Rate limited: ${config.signupLimitPerHour} sign-ups per hour on this installation, then 429 with Retry-After.`,
      body: signupBody,
      response: {
        201: sessionSchema,
        ...problems,
        // Only an installation with SIGNUP_LIMIT_PER_HOUR limits sign-ups.
        ...(config.signupLimitPerHour === undefined ? {} : { 429: problemSchema }),
      },
    },
    handler: async (request, reply) => {
      if (!config.allowSignup)
        throw new AppError('forbidden', 'Sign-up is closed on this installation');
      if (config.signupLimitPerHour !== undefined) {
        const hourAgo = Date.now() - 3_600_000;
        while (signups.length && signups[0]! < hourAgo) signups.shift();
        if (signups.length >= config.signupLimitPerHour) {
          throw new AppError('rate_limited', 'Too many sign-ups this hour', {
            extra: { retryAfter: 3600 },
          });
        }
        signups.push(Date.now());
      }
      const { cookie, ...session } = await service.signup(database.db, request.body);
      setSessionCookie(request, reply, cookie);
      return reply.code(201).send(session);
    },
  });

  app.post('/auth/login', {
    config: { auth: false },
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie',
      description: `Sign in; sets the session cookie. Rate limited: after ${service.maxLoginFailures} failed sign-ins for one e-mail address or from one network address within ${service.loginWindowMs / 60_000} minutes, 429 with Retry-After until the window passes.`,
      body: loginBody,
      response: { 200: sessionSchema, ...problems, 429: problemSchema },
    },
    handler: async (request, reply) => {
      const { cookie, ...session } = await service.login(database.db, request.body, request.ip);
      setSessionCookie(request, reply, cookie);
      return session;
    },
  });

  app.post('/auth/logout', {
    config: { auth: false },
    schema: {
      tags,
      summary: 'Sign out (ends this session)',
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await service.logout(database.db, request.cookies[sessionCookie]);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/me', {
    schema: {
      tags,
      summary: 'The signed-in user, their organization and effective permissions',
      response: { 200: meSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => service.me(tx, ctx));
    },
  });

  app.get('/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Your API tokens',
      response: {
        200: z.object({ data: z.array(tokenSchema).max(caps.tokensPerUser) }),
        ...problems,
      },
    },
    handler: async (request) => {
      return {
        data: await inRequestOrg(database, request, (tx, ctx) => service.listTokens(tx, ctx)),
      };
    },
  });

  app.post('/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Create an API token; the secret is shown only here',
      body: tokenBody,
      response: { 201: newTokenSchema, ...problems },
    },
    handler: async (request, reply) => {
      const token = await inRequestOrg(database, request, (tx, ctx) =>
        service.createToken(tx, ctx, request.body.name),
      );
      return reply.code(201).send(token);
    },
  });

  app.delete('/tokens/:id', {
    schema: {
      tags: ['tokens'],
      summary: 'Revoke an API token',
      params: idParams,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await inRequestOrg(database, request, (tx, ctx) =>
        service.deleteToken(tx, ctx, request.params.id),
      );
      return reply.code(204).send(null);
    },
  });
};
