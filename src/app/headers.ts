import type { FastifyReply } from 'fastify';

/** Data (JSON, CSV, problems): nothing in it may run or be framed. */
const dataPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Pages (the web UI, the API docs): only our own origin, never framed. */
const pagePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The one place the app's security headers are chosen, by what an answer
 * is (called from app.ts's onSend for every answer): pages get the page
 * policy, data the data policy, and API data is never cached.
 */
export function setSecurityHeaders(reply: FastifyReply, url: string, apiPrefix: string): void {
  reply.header('x-content-type-options', 'nosniff');
  const type = String(reply.getHeader('content-type') ?? '');
  if (type.includes('text/html')) {
    reply
      .header('content-security-policy', pagePolicy)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'same-origin')
      .header('cross-origin-opener-policy', 'same-origin')
      .header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  } else if (type.includes('json') || type.includes('csv')) {
    reply.header('content-security-policy', dataPolicy).header('x-frame-options', 'DENY');
    if (url.startsWith(apiPrefix)) reply.header('cache-control', 'no-store');
  }
}
