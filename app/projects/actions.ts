'use server';

import { redirect } from 'next/navigation';
import { actionResult, revalidateUnlessSignedOut, formArgument, idArgument, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { addMember, createProject, removeMember, updateProject } from '@/lib/projects/service';

export async function createProjectAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const form = formArgument(formData);
    const project = await createProject(db, user, { name: form.get('name'), guidelines: form.get('guidelines') ?? '' });
    return { ok: 'Project created.', id: project.id };
  });
  if ('id' in state) redirect(`/projects/${state.id}/settings`);
  return state;
}

export async function updateProjectAction(projectIdArg: string, _: ActionState, formData: FormData): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const projectId = idArgument(projectIdArg, 'projectId');
    const form = formArgument(formData);
    const { warning } = await updateProject(db, user, {
      projectId,
      input: {
        name: form.get('name'),
        guidelines: form.get('guidelines'),
        version: form.get('version'),
        requiredSubmissions: form.get('requiredSubmissions'),
        annotatorsMayReview: form.get('annotatorsMayReview'),
      },
    });
    return { ok: warning ? `Saved. ${warning}` : 'Saved.' };
  });
  // Also after a refusal: a stale form (409) then shows the current settings.
  revalidateUnlessSignedOut(state, '/projects', 'layout');
  return state;
}

export async function addMemberAction(projectIdArg: string, _: ActionState, formData: FormData): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const projectId = idArgument(projectIdArg, 'projectId');
    const form = formArgument(formData);
    await addMember(db, user, { projectId, input: { email: form.get('email') } });
    return { ok: 'Member added.' };
  });
  revalidateUnlessSignedOut(state, '/projects', 'layout');
  return state;
}

export async function removeMemberAction(projectIdArg: string, userIdArg: string): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const projectId = idArgument(projectIdArg, 'projectId');
    const userId = idArgument(userIdArg, 'userId');
    await removeMember(db, user, { projectId, userId });
    return { ok: 'Member removed.' };
  });
  revalidateUnlessSignedOut(state, '/projects', 'layout');
  return state;
}
