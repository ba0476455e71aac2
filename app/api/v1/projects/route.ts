import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle } from '@/lib/http';
import { listProjectsFor } from '@/lib/projects/service';

/** The projects the caller may see (all of them for admins). */
export const GET = handle(async () => {
  const user = await requireApiUser();
  return NextResponse.json({ projects: await listProjectsFor(db, user) });
});
