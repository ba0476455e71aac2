import { DomainError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';

/**
 * Any /api/v1 address no route handles: a JSON 404 like every other API answer, not Next's HTML
 * page. It reads nothing and names nothing but the address asked for.
 */
function unknownRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(new DomainError(404, `There is no API route at ${pathname.slice(0, 200)}; docs/api.md lists them.`));
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
