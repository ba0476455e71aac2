// How agreement figures are written on the pages. Rounding must never claim more than the data
// shows: a figure just short of perfect is not printed as perfect, nor a small one as none.

/**
 * A figure to three decimals; "–" when undefined. A tiny negative value rounds to 0.000, not
 * "-0.000". Only a perfect figure reads 1.000: 0.9996 is ">0.999", since rounding it up would
 * claim agreement nobody reached (and likewise "<-0.999" for -0.9996).
 */
export function figure(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const text = v.toFixed(3);
  if (text === '1.000' && v < 1) return '>0.999';
  if (text === '-1.000' && v > -1) return '<-0.999';
  return text === '-0.000' ? '0.000' : text;
}

/** A share in 0..1 as a whole percentage: 100% and 0% only when exact, else ">99%" and "<1%". */
export function sharePercent(share: number): string {
  const rounded = Math.round(share * 100);
  if (rounded >= 100 && share < 1) return '>99%';
  if (rounded <= 0 && share > 0) return '<1%';
  return `${rounded}%`;
}
