/*
 * What the dataset import form sends, kept out of the component so it can be tested without a
 * browser. The form runs in the browser: no Node modules here.
 */

/** The form's choices, as they are sent to POST /api/v1/projects/{id}/import. */
export type DatasetFormSettings = {
  fileName: string;
  /** '' asks the server to detect the format. */
  format: string;
  layer: string;
  /** Raw label → Slant label or 'skip'; a label without a choice is left out. */
  mapping: Readonly<Record<string, string>>;
  validOnly: boolean;
  /** Whose spans to take; null for no choice ('' is a choice: the spans naming no annotator). */
  from: string | null;
};

export function datasetImportQuery(settings: DatasetFormSettings, dryRun: boolean): URLSearchParams {
  const query = new URLSearchParams({ name: settings.fileName, layer: settings.layer, map: JSON.stringify(settings.mapping) });
  if (settings.format) query.set('format', settings.format);
  if (settings.validOnly) query.set('validOnly', '1');
  if (settings.from !== null) query.set('from', settings.from);
  if (dryRun) query.set('dryRun', '1');
  return query;
}

/**
 * The mapping with `raw` mapped to `choice`. "Choose…" ('') takes the label out of the map, so the
 * server says the label has no Slant label, instead of refusing "" as no label at all.
 */
export function chooseLabel(mapping: Readonly<Record<string, string>>, raw: string, choice: string): Record<string, string> {
  const next = { ...mapping };
  if (choice === '') delete next[raw];
  else next[raw] = choice;
  return next;
}
