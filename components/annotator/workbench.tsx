'use client';

import { useMemo, useRef } from 'react';
import { lineStarts } from '@/lib/anchoring/dom';
import { LABELS, LABEL_INFO } from '@/lib/labels';
import { AnnotationLayer, type WorkbenchSpans } from './annotation-layer';
import { EarlyHighlights } from './early-highlights';
import { FailureBanner } from './failure-banner';
import { highlightCss, labelCueStyle } from './highlights';
import { LabelLinesSwitch, useLabelLines } from './label-lines';
import { keyboardSelection } from './keyboard-selection';
import { SidePanel, TextThenPainter } from './text-layout';
import { STATUS_BUTTON_ID, STATUS_NOTE_ID, useArticleStatus, useStatusButtonFocus } from './use-article-status';
import { BusyButton } from '../busy-button';

export type { WorkbenchSpans };

type Props = {
  article: { id: string; projectId: string; title: string; text: string; textHash: string };
  /**
   * The annotator's spans (packed, lib/spans/packed.ts) and speaker suggestions, still on their
   * way: the text is sent and shown first, the side panel follows in the same response (Suspense).
   */
  spans: Promise<WorkbenchSpans>;
  /** The same spans' labels and offsets for the early painter (earlyPaintData): sent with the text. */
  paint: string;
  status: 'not_started' | 'in_progress' | 'submitted';
  /** The article's review is closed (adjudicated): every layer on it is, and the page only shows it. */
  reviewClosed: boolean;
  /** Why this submitted work cannot be reopened (judged, or peers' work seen), or null when it can. */
  reopenBlocked: string | null;
  nextArticleId: string | null;
  /** The request's CSP nonce, for the early highlight painter's script element. */
  nonce: string | undefined;
};

/** The annotation page: the article text, and the annotator's layer of spans over it. */
export function Workbench({ article, spans, paint, status, reviewClosed, reopenBlocked, nextArticleId, nonce }: Props) {
  const articleRef = useRef<HTMLElement>(null);
  const lines = useMemo(() => lineStarts(article.text), [article.text]);
  const readOnly = status === 'submitted' || reviewClosed;
  const { submitting, change, error: statusError, clearError } = useArticleStatus(article.id);
  const colours = useMemo(() => highlightCss(LABEL_INFO), []);

  const onArticleKeyDown = useMemo(() => keyboardSelection(articleRef), []);
  useStatusButtonFocus(article.id);
  const lineChoice = useLabelLines();

  return (
    <div className={lineChoice.className ? `workbench ${lineChoice.className}` : 'workbench'}>
      <style>{colours}</style>
      <div>
        {reviewClosed ? (
          <p className="banner info" role="status" id={STATUS_NOTE_ID} tabIndex={-1}>
            The review of this article is closed, so annotations on it can no longer change. A reviewer can reopen the review.
          </p>
        ) : readOnly && reopenBlocked ? (
          <p className="banner info" role="status" id={STATUS_NOTE_ID} tabIndex={-1}>
            You submitted this article. {reopenBlocked}
          </p>
        ) : readOnly && (
          <div className="banner info row" role="status">
            <span>You submitted this article. Reopen it to change your annotations.</span>
            <BusyButton id={STATUS_BUTTON_ID} className="button small" busy={submitting} onClick={() => change('reopen')}>
              Reopen
            </BusyButton>
          </div>
        )}
        {statusError && (
          <FailureBanner
            failure={statusError}
            page={`/projects/${article.projectId}/articles/${article.id}`}
            onDismiss={() => {
              clearError();
              // The focus was on Dismiss, which goes with the banner: back to the text.
              articleRef.current?.focus({ preventScroll: true });
            }}
          />
        )}
        <div className="row legend" role="group" aria-label="Labels">
          {LABELS.map((l) => (
            <span key={l} className="chip" style={{ background: LABEL_INFO[l].background }}>
              {LABEL_INFO[l].key} · <span style={lineChoice.on ? labelCueStyle(l) : undefined}>{LABEL_INFO[l].name}</span>
            </span>
          ))}
          <span className="muted">
            {readOnly
              ? 'N and P go through your annotations.'
              : 'Select text, then press 1, 2 or 3, or pick a label in the bar that opens beside it. Ctrl+Z undoes; N and P go through your annotations.'}
          </span>
          <LabelLinesSwitch {...lineChoice} />
        </div>
        <div onKeyDown={onArticleKeyDown}>
          <TextThenPainter lines={lines} articleRef={articleRef} title={article.title} nonce={nonce} painter={<EarlyHighlights paint={paint} nonce={nonce} />} />
        </div>
      </div>
      <SidePanel waiting="Loading your annotations…">
        <AnnotationLayer article={article} articleRef={articleRef} lines={lines} spans={spans} readOnly={readOnly} nextArticleId={nextArticleId} />
      </SidePanel>
    </div>
  );
}
