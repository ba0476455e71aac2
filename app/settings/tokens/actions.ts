'use server';

import { revalidatePath } from 'next/cache';
import { actionResult, formArgument, idArgument, revalidateUnlessSignedOut, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { createApiToken, revokeApiToken } from '@/lib/auth/tokens';
import { db } from '@/lib/db';

export type TokenState = ActionState & { token?: string; name?: string };

export async function createTokenAction(_: TokenState, form: FormData): Promise<TokenState> {
  return actionResult(async () => {
    const user = await requireActionUser();
    const created = await createApiToken(db, { userId: user.id, input: { name: formArgument(form).get('name') } });
    revalidatePath('/settings/tokens');
    return { token: created.token, name: created.name };
  });
}

export async function revokeTokenAction(tokenId: string): Promise<{ error?: string; status?: number }> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    await revokeApiToken(db, { userId: user.id, tokenId: idArgument(tokenId, 'tokenId') });
    return {};
  });
  // Also after a refusal: a token revoked in another tab then shows as revoked.
  revalidateUnlessSignedOut(state, '/settings/tokens');
  return state;
}
