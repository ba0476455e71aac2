import { toJson } from './encoding';
import { completeManifest, type ExportFormat, type ExportManifest } from './model';
import { writerFor, type WriteArgs } from './writer';
import { zipTime, ZipSink } from './zip-sink';

export const MANIFEST_FILE_NAME = 'manifest.json';

/** The manifest as the file that sits beside a data file (or inside a bundle or the brat archive). */
export function manifestFile(manifest: ExportManifest): { name: typeof MANIFEST_FILE_NAME; content: string } {
  return { name: MANIFEST_FILE_NAME, content: toJson(manifest, 2) + '\n' };
}

/** Name of the data file inside a bundle, e.g. 'data.jsonl'. */
export function bundleDataFileName(format: ExportFormat): string {
  return `data.${writerFor(format).fileExtension}`;
}

/**
 * A ZIP holding the format's data file (`data.<ext>`) and then manifest.json, written once the
 * data is complete so its counts and warnings are final. brat is a ZIP with its manifest
 * already, so its archive is returned as it is rather than nested in another one.
 */
export async function* writeBundle(format: ExportFormat, args: WriteArgs): AsyncIterable<Uint8Array> {
  const writer = writerFor(format);
  if (format === 'brat') {
    yield* writer.write(args);
    return;
  }
  const zip = new ZipSink(zipTime(args.manifest.exportedAt));
  const data = zip.open(bundleDataFileName(format));
  for await (const chunk of writer.write(args)) {
    data.write(chunk);
    yield* zip.drain();
  }
  data.close();
  zip.addFile(MANIFEST_FILE_NAME, manifestFile(completeManifest(args.manifest, args.finalManifest())).content);
  zip.end();
  yield* zip.drain();
}
