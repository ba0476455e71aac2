'use server';

import { revalidatePath } from 'next/cache';
import { actionResult } from '@/lib/actions';
import { requireApiUser } from '@/lib/auth/session';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';

export type TokenState = { error?: string; status?: number; token?: string; name?: string };

export async function createTokenAction(_: TokenState, form: FormData): Promise<TokenState> {
  return actionResult(async () => {
    const user = await requireApiUser();
    const created = await createApiToken(db, { userId: user.id, input: { name: form.get('name') } });
    revalidatePath('/settings/tokens');
    return { token: created.token, name: created.name };
  });
}

export async function revokeTokenAction(tokenId: string): Promise<{ error?: string; status?: number }> {
  return actionResult(async () => {
    const user = await requireApiUser();
    await revokeApiToken(db, { userId: user.id, tokenId });
    revalidatePath('/settings/tokens');
    return {};
  });
}
