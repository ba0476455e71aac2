import { z } from 'zod';
import { DomainError, parseOrThrow } from '../errors';
import { queryFlag, refuseUnknownQueryKeys } from '../query-flag';
import { labelMapSchema, type DatasetOptions } from './import';

/*
 * The dataset import's options as POST /api/v1/projects/{id}/import takes them in its query string
 * (docs/api.md, "Import"). The names are the API's: a bad label map is named `map`, as sent, not
 * `labelMap` as the import calls it inside.
 */

export const IMPORT_QUERY_KEYS = ['name', 'format', 'layer', 'map', 'from', 'validOnly', 'allowDuplicates', 'dryRun'] as const;

const mapSchema = z.object({ map: labelMapSchema });

/** As the import takes them, the format still unchecked: `importDataset` names a bad one. */
type QueryOptions = Omit<DatasetOptions, 'format'> & { format?: string };

/**
 * The options in `query`, and the file name to read the body as: `name`, else one the content
 * type suggests (so a CSV body sent as text/csv is read as CSV).
 */
export function datasetImportOptions(query: URLSearchParams, contentType = ''): { fileName: string; options: QueryOptions } {
  refuseUnknownQueryKeys(query, IMPORT_QUERY_KEYS);
  let map: unknown = {};
  try {
    map = JSON.parse(query.get('map') ?? '{}');
  } catch {
    throw new DomainError(422, 'map: not valid JSON; send an object such as {"CLAIM":"claim","Misc":"skip"}.');
  }
  const labelMap = parseOrThrow(mapSchema, { map }).map;
  const bodyName = contentType.includes('csv')
    ? 'body.csv'
    : contentType.includes('json') && !contentType.includes('ndjson') && !contentType.includes('jsonl')
      ? 'body.json'
      : 'body.jsonl';
  return {
    fileName: query.get('name') ?? bodyName,
    options: {
      format: query.get('format') ?? undefined,
      layer: query.get('layer') ?? 'gold',
      labelMap,
      from: query.get('from') ?? undefined,
      validOnly: queryFlag(query, 'validOnly'),
      allowDuplicates: queryFlag(query, 'allowDuplicates'),
      dryRun: queryFlag(query, 'dryRun'),
    },
  };
}
