'use server';

import { revalidatePath } from 'next/cache';
import { requireApiUser } from '@/lib/auth/session';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';

export type TokenState = { error?: string; token?: string; name?: string };

export async function createTokenAction(_: TokenState, form: FormData): Promise<TokenState> {
  const user = await requireApiUser();
  try {
    const created = await createApiToken(db, { userId: user.id, input: { name: form.get('name') } });
    revalidatePath('/settings/tokens');
    return { token: created.token, name: created.name };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

export async function revokeTokenAction(tokenId: string): Promise<{ error?: string }> {
  const user = await requireApiUser();
  try {
    await revokeApiToken(db, { userId: user.id, tokenId });
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
  revalidatePath('/settings/tokens');
  return {};
}
