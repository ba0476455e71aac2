import { NextResponse } from 'next/server';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { handle, otherMethods, readJson } from '@/lib/http';
import { restoreSpan } from '@/lib/spans/service';

/** Undoes a soft delete (the annotation page's Ctrl+Z). */
export const POST = handle(async (request: Request, { params }: { params: Promise<{ spanId: string }> }) => {
  const user = await requireApiUser();
  const { spanId } = await params;
  return NextResponse.json({ span: await restoreSpan(db, user, { spanId, input: await readJson(request) }) });
});

/** The other methods: a JSON 405 naming the ones served here. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
