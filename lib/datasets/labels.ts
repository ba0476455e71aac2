import { LABELS, LABEL_INFO, type Label } from '../labels';

export type LabelChoice = Label | 'skip';

const normal = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** A raw label's obvious Slant label (its id or display name in any case), or undefined. */
export function suggestLabel(raw: string): Label | undefined {
  const n = normal(raw);
  return LABELS.find((l) => normal(l) === n || normal(LABEL_INFO[l].name) === n);
}

/**
 * Resolves every raw label of an import: explicit choices first, then obvious matches. Labels
 * that resolve to nothing are returned as `unmapped`, so they are reported, never dropped.
 */
export function resolveLabels(raw: string[], explicit: Record<string, LabelChoice>) {
  const mapping = new Map<string, LabelChoice>();
  const unmapped: string[] = [];
  for (const label of raw) {
    // Own keys only: a raw label such as "toString" or "constructor" would otherwise find Object.prototype's.
    const choice = (Object.hasOwn(explicit, label) ? explicit[label] : undefined) ?? suggestLabel(label);
    if (choice) mapping.set(label, choice);
    else unmapped.push(label);
  }
  return { mapping, unmapped };
}

/** Parses a CLI mapping like `CLAIM=claim,Quote=sourced_quote,Misc=skip`. */
export function parseLabelMap(text: string): Record<string, LabelChoice> {
  const map: Record<string, LabelChoice> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new Error(`--map: "${pair}" is not RAW=label`);
    const raw = pair.slice(0, at).trim();
    const target = pair.slice(at + 1).trim();
    if (target !== 'skip' && !(LABELS as readonly string[]).includes(target)) {
      throw new Error(`--map: "${target}" is not one of ${[...LABELS, 'skip'].join(', ')}`);
    }
    map[raw] = target as LabelChoice;
  }
  return map;
}
