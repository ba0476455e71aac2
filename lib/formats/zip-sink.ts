import { Zip, ZipDeflate } from 'fflate';
import { utf8 } from './encoding';

export type ZipEntryWriter = {
  write(data: string | Uint8Array): void;
  close(): void;
};

// DOS timestamps in ZIP headers cannot hold dates outside 1980-2099.
const DOS_MIN = Date.UTC(1980, 0, 2);
const DOS_MAX = Date.UTC(2099, 11, 30);

/** The entries' modification time: the export time, so one export's bytes do not depend on when they were zipped. */
export function zipTime(exportedAt: string): Date {
  const t = Date.parse(exportedAt);
  return new Date(Number.isFinite(t) ? Math.min(DOS_MAX, Math.max(DOS_MIN, t)) : DOS_MIN);
}

/**
 * Builds a ZIP archive incrementally and hands out its bytes as they are produced, so a
 * generator can `yield* sink.drain()` after each write and never hold the whole archive.
 *
 * Entries are deflated rather than stored: fflate always writes streamed entries with a data
 * descriptor (sizes after the data), and streaming unzippers such as Java's ZipInputStream
 * cannot find the end of a *stored* entry written that way; a deflate stream marks its own end.
 * Entries must be written one after another (fflate buffers an entry opened while another is open).
 */
export class ZipSink {
  private queue: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip: Zip;

  constructor(private readonly mtime: Date) {
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure ??= error;
      else if (chunk && chunk.length) this.queue.push(chunk);
    });
  }

  open(name: string): ZipEntryWriter {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = this.mtime;
    this.zip.add(entry);
    let closed = false;
    return {
      write(data) {
        if (closed) throw new Error(`ZIP entry ${name} is already closed.`);
        const bytes = typeof data === 'string' ? utf8(data) : data;
        if (bytes.length) entry.push(bytes, false);
      },
      close() {
        if (closed) return;
        closed = true;
        entry.push(new Uint8Array(0), true);
      },
    };
  }

  addFile(name: string, content: string | Uint8Array): void {
    const entry = this.open(name);
    entry.write(content);
    entry.close();
  }

  end(): void {
    this.zip.end();
  }

  /** The bytes produced since the last call. */
  *drain(): Generator<Uint8Array> {
    if (this.failure) throw this.failure;
    const chunks = this.queue;
    this.queue = [];
    yield* chunks;
  }
}
