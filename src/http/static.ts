import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export type WebUiOptions = {
  /** The built web UI (`vite build`); defaults to web/dist at the repository root. */
  root?: string;
};

export const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Only our own origin: scripts, styles, images, fonts and API calls. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHtmlHeaders(reply: FastifyReply): void {
  reply
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    .header('cache-control', 'no-cache');
}

/**
 * Serves the web UI from web/dist: hashed assets with a long cache, and
 * index.html for any other GET that asks for HTML (client-side routes). API
 * paths and requests that do not accept HTML get the usual problem+json 404.
 * Does nothing when the UI has not been built (e.g. in API tests).
 */
export const webUi: FastifyPluginAsync<WebUiOptions> = async (app, options) => {
  const root = options.root ?? defaultWebRoot;
  if (!existsSync(`${root}/index.html`)) {
    app.log.info(`web UI not built (${root}); run "npm run build:web" to serve it`);
    return;
  }

  await app.register(fastifyStatic, {
    root,
    serve: false,
    index: false,
    wildcard: false,
  });

  app.get('/*', {
    schema: { hide: true },
    config: { auth: false },
    handler: async (request, reply) => {
      const path = (request.params as { '*'?: string })['*'] ?? '';
      if (path === 'api' || path.startsWith('api/')) return reply.callNotFound();

      // A file: the hashed bundle under assets/ is immutable; others are revalidated.
      if (extname(path) !== '') {
        const immutable = path.startsWith('assets/');
        reply.header('x-content-type-options', 'nosniff');
        return reply.sendFile(path, {
          cacheControl: true,
          immutable,
          maxAge: immutable ? '365d' : 0,
          dotfiles: 'deny',
        });
      }

      // A client-side route: the app shell, but only for browsers asking for a page.
      if (!(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
      setHtmlHeaders(reply);
      return reply.sendFile('index.html', { cacheControl: false });
    },
  });
};
