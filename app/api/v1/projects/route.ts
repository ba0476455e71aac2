import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods } from '@/lib/http';
import { listProjectsFor } from '@/lib/projects/service';

/** The projects the caller may see (all of them for admins). */
export const GET = handle(async () => {
  const user = await requireApiUser();
  return NextResponse.json({ projects: await listProjectsFor(db, user) });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
