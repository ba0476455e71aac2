import { NextResponse } from 'next/server';
import { setAnnotationStatus } from '@/lib/articles/service';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';

/** `{ action: 'submit' | 'reopen' }` for the signed-in annotator's work on the article. */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ articleId: string }> }) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  return NextResponse.json(await setAnnotationStatus(db, user, { articleId, input: await readJson(request) }));
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
