import type { Actor } from '../auth/permissions';
import type { ImportTarget } from './write';

// Where a dataset's spans may go. The gold layer is the trusted, reviewed one, and another
// person's annotations are theirs: writing either is a reviewer's or admin's call. An annotator
// imports into their own annotations only.

export function mayImportInto(actor: Actor, target: ImportTarget): boolean {
  return actor.role !== 'annotator' || (target.kind === 'annotator' && target.userId === actor.id);
}

export const IMPORT_REFUSED_MESSAGE = "Only reviewers and admins import into the gold layer or into another person's annotations.";

/** The choices of the import form's "Spans become", in the order shown: the layer value and its name. */
export function importTargetOptions(actor: Actor, members: readonly { id: string; email: string; name: string }[]): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  if (mayImportInto(actor, { kind: 'gold' })) options.push({ value: 'gold', label: 'the gold layer (articles adjudicated)' });
  for (const m of members) {
    if (!mayImportInto(actor, { kind: 'annotator', userId: m.id })) continue;
    options.push({ value: m.email, label: m.id === actor.id ? 'your own annotations (submitted)' : `${m.name}’s annotations (submitted)` });
  }
  return options;
}
