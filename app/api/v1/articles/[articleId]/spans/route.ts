import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { articleLayerSpans } from '@/lib/export/service';
import { createSpan, listOwnSpans } from '@/lib/spans/service';

type Params = { params: Promise<{ articleId: string }> };

/**
 * Your own spans on the article (annotation is blind). Reviewers and admins may ask for a layer:
 * `?layer=gold`, `?layer=all` or `?layer=<annotator e-mail>`.
 */
export const GET = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  const layer = new URL(request.url).searchParams.get('layer');
  if (layer) return NextResponse.json({ spans: await articleLayerSpans(db, user, { articleId, layer }) });
  return NextResponse.json({ spans: await listOwnSpans(db, user, articleId) });
});

export const POST = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  const span = await createSpan(db, user, { articleId, input: await readJson(request) });
  return NextResponse.json({ span }, { status: 201 });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
