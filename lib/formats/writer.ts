import { brat } from './brat';
import { conll } from './conll';
import { csv } from './csv';
import { doccano } from './doccano';
import { jsonl } from './jsonl';
import { labelStudio } from './label-studio';
import type { ExportArticle, ExportFormat, ExportManifest } from './model';
import { w3c } from './w3c';

export type WriteArgs = {
  /** The manifest as known at the start: counts may still be zero. */
  manifest: ExportManifest;
  /** Consumed lazily, one article at a time, exactly once. */
  articles: AsyncIterable<ExportArticle>;
  /**
   * The manifest with final counts; call only after `articles` is exhausted. Writers that find
   * spans they cannot represent append warnings to `manifest.warnings`, and this function must
   * return them (the export service's does, because its final manifest spreads the first one).
   */
  finalManifest: () => ExportManifest;
};

export type FormatWriter = {
  /** e.g. 'application/x-ndjson'. */
  contentType: string;
  /** Without the dot, e.g. 'jsonl'. */
  fileExtension: string;
  /** Output chunks, produced as the articles arrive: memory stays flat whatever the project size. */
  write(args: WriteArgs): AsyncIterable<Uint8Array>;
};

const WRITERS: Record<ExportFormat, FormatWriter> = {
  jsonl,
  doccano,
  'label-studio': labelStudio,
  brat,
  w3c,
  conll,
  csv,
};

export function writerFor(format: ExportFormat): FormatWriter {
  const writer = WRITERS[format];
  // The format usually comes from a request; a bad value must fail loudly, not write nothing.
  if (!writer) throw new Error(`Unknown export format: ${String(format)}`);
  return writer;
}
