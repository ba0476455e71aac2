import { LABELS, LABEL_INFO, type Label } from '@/lib/labels';

export function SelectionToolbar({ rect, onLabel }: { rect: DOMRect; onLabel: (label: Label) => void }) {
  const top = Math.max(8, rect.top - 48);
  const left = Math.min(Math.max(8, rect.left), window.innerWidth - 360);
  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label="Label the selection"
      style={{ top, left }}
      // Keep the text selection alive while the pointer is on the toolbar.
      onMouseDown={(e) => e.preventDefault()}
    >
      {LABELS.map((l) => (
        <button key={l} type="button" aria-keyshortcuts={LABEL_INFO[l].key} style={{ background: LABEL_INFO[l].background }} onClick={() => onLabel(l)}>
          {LABEL_INFO[l].name}
          <kbd aria-hidden="true">{LABEL_INFO[l].key}</kbd>
        </button>
      ))}
    </div>
  );
}
