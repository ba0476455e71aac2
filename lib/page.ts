import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { DomainError } from './errors';

/** For pages: turns a DomainError into the matching page (login, 403 page, 404 page). */
export function pageError(error: unknown): never {
  if (error instanceof DomainError) {
    if (error.status === 401) redirect('/login');
    if (error.status === 403) redirect('/forbidden');
    if (error.status === 404) notFound();
  }
  throw error;
}
