import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { judgeSpan } from '@/lib/review/service';

/** `{ verdict: 'accepted' | 'rejected', version, edit? }` on a submitted annotator span. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ spanId: string }> }) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json(await judgeSpan(db, user, { spanId, input: await readJson(request) }));
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
