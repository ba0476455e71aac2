import { LABELS, LABEL_INFO } from '@/lib/labels';

/** The label choices of a <select>, in the fixed label order. */
export function LabelOptions() {
  return (
    <>
      {LABELS.map((l) => (
        <option key={l} value={l}>
          {LABEL_INFO[l].name}
        </option>
      ))}
    </>
  );
}
