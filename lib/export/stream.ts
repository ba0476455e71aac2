import { writeBundle, writerFor } from '../formats';
import type { prepareExport } from './service';

type Prepared = Awaited<ReturnType<typeof prepareExport>>;

/** Writers yield a line or an article at a time; the file or the response gets pieces about this big. */
const CHUNK_BYTES = 256 * 1024;

/** The same bytes in pieces of at least `size` (the last may be shorter): fewer writes, fewer stream turns. */
export async function* coalesce(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    pending.push(chunk);
    bytes += chunk.byteLength;
    if (bytes >= size) {
      yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, bytes);
      pending = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, bytes);
}

/** The export's bytes, its content type and file name, ready for a download or a file. */
export function exportOutput(prepared: Prepared) {
  const { request, manifest, articles, finalManifest } = prepared;
  const writer = writerFor(request.format);
  const bundled = request.bundle && request.format !== 'brat' && request.format !== 'jsonl';
  const chunks = bundled ? writeBundle(request.format, { manifest, articles, finalManifest }) : writer.write({ manifest, articles, finalManifest });
  const extension = bundled ? 'zip' : writer.fileExtension;
  const layer = manifest.filters.layer.replace(/[^a-z0-9]+/gi, '-');
  const scope = request.articleId ? `${manifest.project.id}-${request.articleId}` : manifest.project.id;
  return {
    chunks: coalesce(chunks, CHUNK_BYTES),
    contentType: bundled ? 'application/zip' : writer.contentType,
    fileName: `slant-${scope}-${layer}-${request.format}-${manifest.exportedAt.slice(0, 10)}.${extension}`,
  };
}

export function toReadableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        console.error('Export stream failed:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
