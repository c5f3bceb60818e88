import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database } from '../db/client.js';
import type { Config } from '../config.js';
import { inRequestOrg, requireCaller } from '../access/caller.js';
import { clearCookie, readCookie, setCookie } from './cookies.js';
import { AppError } from '../shared/errors.js';
import { emptyBody, idParams, problemSchema, problems } from '../shared/schemas.js';
import {
  changeEmailBody,
  changePasswordBody,
  completeResetBody,
  loginBody,
  passwordResetSchema,
  meSchema,
  newTokenSchema,
  sessionSchema,
  signupBody,
  tokenBody,
  tokenSchema,
} from './schema.js';
import * as service from './service.js';
import { caps } from '../orgs/caps.js';

const sessionSeconds = 14 * 86_400;
const deviceSeconds = 365 * 86_400;

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
      setCookie(request, reply, 'session', cookie, sessionSeconds);
      return reply.code(201).send(session);
    },
  });

  app.post('/auth/login', {
    config: { auth: false },
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie',
      description:
        'Sign in; sets the session cookie. Rate limited: after 10 failed tries for one e-mail address or from one network address within an hour, 429 with Retry-After for 60 s, doubling with each further failure up to 15 minutes (a known device is counted on its own).',
      body: loginBody,
      response: { 200: sessionSchema, ...problems, 429: problemSchema },
    },
    handler: async (request, reply) => {
      const { cookie, device, ...session } = await service.login(database.db, request.body, {
        address: request.ip,
        device: readCookie(request, 'device'),
        secret: config.cookieSecret,
      });
      setCookie(request, reply, 'session', cookie, sessionSeconds);
      setCookie(request, reply, 'device', device, deviceSeconds);
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
      await service.logout(database.db, readCookie(request, 'session'));
      clearCookie(request, reply, 'session');
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
    config: { secretResponse: true },
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

  app.post('/me/password', {
    schema: {
      tags,
      summary:
        'Change your own password (give the current one); your other sessions and tokens end',
      body: changePasswordBody,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      const { actor } = await requireCaller(database, request);
      const credential = request.credential!;
      const ok = await service.throttled(database.db, [`user:${actor.userId}`], () =>
        inRequestOrg(database, request, (tx, ctx) =>
          service.changePassword(tx, ctx, credential, request.body),
        ),
      );
      service.assertCurrentPassword(ok);
      return reply.code(204).send(null);
    },
  });

  app.post('/me/email', {
    schema: {
      tags,
      summary: 'Change your own e-mail (give your password); a taken e-mail is 409',
      body: changeEmailBody,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      const { actor } = await requireCaller(database, request);
      const ok = await service.throttled(database.db, [`user:${actor.userId}`], () =>
        inRequestOrg(database, request, (tx, ctx) => service.changeEmail(tx, ctx, request.body)),
      );
      service.assertCurrentPassword(ok);
      return reply.code(204).send(null);
    },
  });

  app.post('/users/:id/password-reset', {
    config: { secretResponse: true },
    schema: {
      tags: ['users'],
      summary:
        "Start a password reset for a user: a single-use token valid 24 h, shown only here (org admins; only the owner resets an admin; never the owner's or your own)",
      params: idParams,
      response: { 201: passwordResetSchema, ...problems },
    },
    handler: async (request, reply) => {
      const reset = await inRequestOrg(database, request, (tx, ctx) =>
        service.startPasswordReset(tx, ctx, request.params.id),
      );
      return reply.code(201).send(reset);
    },
  });

  app.post('/auth/password-reset', {
    config: { auth: false },
    schema: {
      tags,
      summary:
        'Set a new password with a reset token; ends all sessions and API tokens of the user',
      body: completeResetBody,
      response: { 204: emptyBody, ...problems },
    },
    handler: async (request, reply) => {
      await service.completePasswordReset(database.db, request.body, request.ip);
      return reply.code(204).send(null);
    },
  });
};
