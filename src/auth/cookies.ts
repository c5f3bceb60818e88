import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The cookies' names, in one place. Over HTTPS a cookie is `__Host-…`: the
 * browser keeps it only when Secure, Path=/ and without Domain, so neither a
 * sibling subdomain nor plain http can plant or overwrite it. Plain http
 * (local development) uses the bare name. Whether a request is HTTPS is
 * request.protocol, which believes X-Forwarded-Proto only from a trusted
 * proxy (TRUST_PROXY).
 */
const names = {
  session: { secure: '__Host-kantivo_session', plain: 'kantivo_session' },
  device: { secure: '__Host-kantivo_device', plain: 'kantivo_device' },
} as const;

type CookieKind = keyof typeof names;

const isHttps = (request: FastifyRequest) => request.protocol === 'https';

/** The name a cookie of `kind` has on this request. */
export function cookieName(request: FastifyRequest, kind: CookieKind): string {
  return isHttps(request) ? names[kind].secure : names[kind].plain;
}

/** The cookie of `kind` that applies to this request (the other name is ignored). */
export function readCookie(request: FastifyRequest, kind: CookieKind): string | undefined {
  return request.cookies[cookieName(request, kind)];
}

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: CookieKind,
  value: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(cookieName(request, kind), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    maxAge: maxAgeSeconds,
  });
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, kind: CookieKind): void {
  reply.clearCookie(cookieName(request, kind), { path: '/', secure: isHttps(request) });
}

/** The session cookie's names, for the API document. */
export const sessionCookieNames = names.session;
