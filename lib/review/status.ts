// An article's place in the review workflow. `in_review` and `adjudicated` are stored; whether
// an open article is still waiting or ready follows from how many annotators submitted it.

export const REVIEW_STATES = ['waiting', 'ready', 'in_review', 'adjudicated'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_NAMES: Record<ReviewState, string> = {
  waiting: 'Waiting',
  ready: 'Ready for review',
  in_review: 'In review',
  adjudicated: 'Adjudicated',
};

export function reviewState(args: { stored: string; submissions: number; required: number }): ReviewState {
  if (args.stored === 'adjudicated') return 'adjudicated';
  if (args.stored === 'in_review') return 'in_review';
  return args.submissions >= Math.max(1, args.required) ? 'ready' : 'waiting';
}

export type ProjectProgress = { total: number; annotated: number; reviewed: number; adjudicated: number };

/** Annotated: enough submissions; reviewed: review started or finished; adjudicated: closed. */
export function projectProgress(states: ReviewState[]): ProjectProgress {
  return {
    total: states.length,
    annotated: states.filter((s) => s !== 'waiting').length,
    reviewed: states.filter((s) => s === 'in_review' || s === 'adjudicated').length,
    adjudicated: states.filter((s) => s === 'adjudicated').length,
  };
}
