import { LABEL_INFO, type Label } from '@/lib/labels';
import type { SpanF1Result, SpeakerAgreement } from '@/lib/agreement';
import { plural } from '@/lib/plural';
import { figure } from '@/lib/figure-format';
const labelName = (l: string) => LABEL_INFO[l as Label]?.name ?? l;

/** F1 per label with micro and macro averages, one row per result (exact, overlap, …). */
export function F1Table({ results, name = 'F1 per label' }: { results: { name: string; result: SpanF1Result }[]; /** The table's name, told apart from others on the page. */ name?: string }) {
  const labels = [...new Set(results.flatMap((r) => Object.keys(r.result.perLabel)))];
  return (
    <table className="list" aria-label={name}>
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
              <td key={l}>{figure(result.perLabel[l]?.f1)}</td>
            ))}
            <td>{figure(result.micro.f1)}</td>
            <td>{figure(result.macroF1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whom quotes are attributed to: of the quotes both sides marked, how many name the same speaker. */
export function SpeakerLine({ speakers, both }: { speakers: SpeakerAgreement; both: string }) {
  return (
    <p className="muted">
      Speakers of quotes:{' '}
      {speakers.matched === 0
        ? `no quote was marked by ${both}, so there is nothing to compare.`
        : `the same in ${speakers.same} of ${plural(speakers.matched, 'quote')} marked by ${both} (${figure(speakers.share)}). F1 judges where a quote is, not whom it is attributed to.`}
    </p>
  );
}
