import 'server-only';
import { forbidden, notFound, redirect } from 'next/navigation';
import { DomainError } from './errors';

/** For pages: turns a DomainError into the matching page (sign-in redirect, 403 page, 404 page) with the matching status. */
export function pageError(error: unknown): never {
  if (error instanceof DomainError) {
    if (error.status === 401) redirect('/login');
    if (error.status === 403) forbidden();
    if (error.status === 404) notFound();
  }
  throw error;
}
