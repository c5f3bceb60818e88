import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export type WebUiOptions = {
  /** The built web UI (`vite build`); defaults to web/dist at the repository root. */
  root?: string;
};

export const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * Serves the web UI from web/dist: hashed assets with a long cache, and
 * index.html for any other GET that asks for HTML (client-side routes). API
 * paths and requests that do not accept HTML get the usual problem+json 404.
 * Files go out as the .br or .gz the build wrote beside them when the browser
 * accepts it (web/scripts/precompress.ts). Source maps are never served, even
 * from a debugging build. Does nothing when the UI has not been built (e.g.
 * in API tests).
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
    preCompressed: true,
  });

  app.get('/*', {
    schema: { hide: true },
    config: { auth: false },
    handler: async (request, reply) => {
      const path = (request.params as { '*'?: string })['*'] ?? '';
      if (path === 'api' || path.startsWith('api/')) return reply.callNotFound();

      // A file: the hashed bundle under assets/ is immutable; others are revalidated.
      const extension = extname(path);
      if (extension === '.map' || extension === '.br' || extension === '.gz') {
        return reply.callNotFound();
      }
      if (extension !== '') {
        const immutable = path.startsWith('assets/');
        return reply.sendFile(path, {
          cacheControl: true,
          immutable,
          maxAge: immutable ? '365d' : 0,
          dotfiles: 'deny',
        });
      }

      // A client-side route: the app shell, but only for browsers asking for a page.
      if (!(request.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
      // Its security headers come from headers.ts, as for every answer.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    },
  });
};
