import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { databaseHealth } from '@/lib/database/health';
import { otherMethods } from '@/lib/http';

// For load balancers and orchestrators: public by design (docs/deploy.md), reveals nothing but
// whether this instance can reach its database. Never cached.
export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await databaseHealth(db);
  return NextResponse.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}

/** The other methods: a JSON 405 naming the ones served here. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
