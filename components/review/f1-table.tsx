import { LABEL_INFO, type Label } from '@/lib/labels';
import type { SpanF1Result } from '@/lib/agreement';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));
const labelName = (l: string) => LABEL_INFO[l as Label]?.name ?? l;

/** F1 per label with micro and macro averages, one row per result (exact, overlap, …). */
export function F1Table({ results }: { results: { name: string; result: SpanF1Result }[] }) {
  const labels = [...new Set(results.flatMap((r) => Object.keys(r.result.perLabel)))];
  return (
    <table className="list" aria-label="F1 per label">
      <thead>
        <tr>
          <th>Matching</th>
          {labels.map((l) => (
            <th key={l}>{labelName(l)} F1</th>
          ))}
          <th>Micro F1</th>
          <th>Macro F1</th>
        </tr>
      </thead>
      <tbody>
        {results.map(({ name, result }) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {labels.map((l) => (
              <td key={l}>{pct(result.perLabel[l]?.f1)}</td>
            ))}
            <td>{pct(result.micro.f1)}</td>
            <td>{pct(result.macroF1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
