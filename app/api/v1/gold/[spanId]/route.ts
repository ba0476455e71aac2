import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { deleteGoldSpan, updateGoldSpan } from '@/lib/review/service';

type Params = { params: Promise<{ spanId: string }> };

/** Edits a gold span; the body carries the `version` it was based on (409 when stale). */
export const PATCH = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json(await updateGoldSpan(db, user, { spanId, input: await readJson(request) }));
});

export const DELETE = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json(await deleteGoldSpan(db, user, { spanId, input: await readJson(request) }));
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, POST, PUT, OPTIONS } = otherMethods('PATCH', 'DELETE');
