import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { deleteSpan, updateSpan } from '@/lib/spans/service';

type Params = { params: Promise<{ spanId: string }> };

/** Changes label, boundaries, note or speaker. The body carries the version it was based on. */
export const PATCH = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json({ span: await updateSpan(db, user, { spanId, input: await readJson(request) }) });
});

/** Soft-deletes the span; the body carries `{ version }`. */
export const DELETE = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json({ span: await deleteSpan(db, user, { spanId, input: await readJson(request) }) });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, POST, PUT, OPTIONS } = otherMethods('PATCH', 'DELETE');
