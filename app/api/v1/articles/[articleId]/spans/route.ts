import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, readJson } from '@/lib/http';
import { createSpan, listOwnSpans } from '@/lib/spans/service';

type Params = { params: Promise<{ articleId: string }> };

/** The signed-in annotator's own spans on the article (annotation is blind). */
export const GET = handle(async (_request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  return NextResponse.json({ spans: await listOwnSpans(db, user, articleId) });
});

export const POST = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  const span = await createSpan(db, user, { articleId, input: await readJson(request) });
  return NextResponse.json({ span }, { status: 201 });
});
