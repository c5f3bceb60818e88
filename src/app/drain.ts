import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyInstance {
    /** See drainable(): answer what is on its way, then resolve. */
    drain(minMs: number): Promise<void>;
  }
}

/**
 * Graceful drain for shutdown. Node closes "idle" keep-alive connections on
 * close, and a connection whose request is still unparsed in its buffer
 * counts as idle, so closing at once under load resets requests that were
 * already sent. Instead the server keeps serving until no request has been
 * in flight for a moment, and only then closes.
 */
/** Must be called before any route plugin is registered, so every route is counted. */
export function drainable(app: FastifyInstance): void {
  let inFlight = 0;
  // Callback hooks: on every request, a promise each for two counters is measurable work.
  app.addHook('onRequest', (_request, _reply, done) => {
    inFlight++;
    done();
  });
  let answered = 0;
  app.addHook('onResponse', (_request, _reply, done) => {
    inFlight--;
    answered++;
    done();
  });
  // Resolves once at least `minMs` have passed and ten consecutive looks, 20 ms
  // apart, found nothing in flight and nothing answered since the previous
  // look. Counting answers matters on PGlite, which runs on this thread: a
  // request is often parsed, served and answered within one turn of the
  // event loop, so "nothing in flight" alone says nothing about the
  // connections still waiting to be read.
  app.decorate('drain', async (minMs: number) => {
    const start = Date.now();
    let quietLooks = 0;
    let seen = answered;
    while (Date.now() - start < 30_000) {
      quietLooks = inFlight > 0 || answered !== seen ? 0 : quietLooks + 1;
      seen = answered;
      if (Date.now() - start >= minMs && quietLooks >= 10) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  });
}
