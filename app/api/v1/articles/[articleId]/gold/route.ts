import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { createGoldSpan } from '@/lib/review/service';

/** Adds a span to the article's gold layer: `{ label, start, end, note?, speaker? }`. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ articleId: string }> }) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  return NextResponse.json(await createGoldSpan(db, user, { articleId, input: await readJson(request) }), { status: 201 });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
