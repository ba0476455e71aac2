import { NextResponse, type NextRequest } from 'next/server';

// A Content-Security-Policy with a fresh nonce per request: Next.js puts the nonce on its own
// inline scripts, so no other inline script can run. Styles still allow 'unsafe-inline' because
// React style attributes need it (docs/security.md).
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

// Not for /api: JSON needs no script nonce (next.config.ts gives it a deny-all policy), and a
// proxy in front of a route makes Next buffer its body and cut it at 10 MB, which would truncate
// dataset uploads (up to 50 MB) instead of letting the route answer 413 with its own limit.
export const config = {
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};
