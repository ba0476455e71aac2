import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { addComment } from '@/lib/review/service';

/** `{ body }`: a comment in the span's thread (reviewers, or the span's own annotator). */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ spanId: string }> }) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json(await addComment(db, user, { spanId, input: await readJson(request) }), { status: 201 });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
