import { NextResponse } from 'next/server';
import { z } from 'zod';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { parseOrThrow } from '@/lib/errors';
import { handle, otherMethods, readJson } from '@/lib/http';
import { acceptAllUnanimous, loadReview, setReviewState } from '@/lib/review/service';

type Params = { params: Promise<{ articleId: string }> };

/** The article's review: submitted layers, gold layer, comments, clusters and state. */
export const GET = handle(async (_request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  const review = await loadReview(db, user, articleId);
  // A peer reviewer sees the others' names on the board, not their e-mail addresses.
  const annotators = user.role === 'annotator' ? review.annotators.map(({ id, name }) => ({ id, name })) : review.annotators;
  return NextResponse.json({ ...review, annotators });
});

const actionSchema = z.object({ action: z.enum(['accept-unanimous', 'adjudicate', 'reopen']) }).passthrough();

/** `{ action: 'accept-unanimous' }`, or `{ action: 'adjudicate' | 'reopen', version }`. */
export const POST = handle(async (request: Request, { params }: Params) => {
  const user = await requireApiUser();
  const { articleId } = await params;
  const body = await readJson(request);
  const { action, ...rest } = parseOrThrow(actionSchema, body);
  if (action === 'accept-unanimous') {
    // It takes nothing else: a key such as dryRun must not be ignored while the action runs for real.
    parseOrThrow(z.object({ action: z.literal('accept-unanimous') }).strict(), body);
    return NextResponse.json(await acceptAllUnanimous(db, user, { articleId }));
  }
  return NextResponse.json(await setReviewState(db, user, { articleId, input: { action, ...rest } }));
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
