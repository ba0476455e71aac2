// Sizes as people read them: "812 bytes", "14.2 KB", "204.8 MB" (binary units, as the limits are).

const KB = 1024;
const MB = 1024 * KB;

/** A size in bytes, to one decimal above a kilobyte; a whole number of megabytes has none ("20 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes.toLocaleString('en')} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const [value, unit] = bytes < MB ? [bytes / KB, 'KB'] : [bytes / MB, 'MB'];
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}
