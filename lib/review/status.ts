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

/** Whether an article has the submissions its project asks for before review (at least one). */
export function enoughSubmissions(args: { submissions: number; required: number }): boolean {
  return args.submissions >= Math.max(1, args.required);
}

export function reviewState(args: { stored: string; submissions: number; required: number }): ReviewState {
  if (args.stored === 'adjudicated') return 'adjudicated';
  if (args.stored === 'in_review') return 'in_review';
  return enoughSubmissions(args) ? 'ready' : 'waiting';
}

export type ProjectProgress = { total: number; annotated: number; reviewed: number; adjudicated: number };

/**
 * Annotated: enough submissions, counted from the submissions themselves, since a reviewer can
 * start a review before they are all in; or closed, since a closed review closes every layer and no
 * more can come (the bar would otherwise never fill). Reviewed: review started or finished;
 * adjudicated: closed.
 */
export function projectProgress(args: { articles: { state: ReviewState; submissions: number }[]; required: number }): ProjectProgress {
  const { articles, required } = args;
  return {
    total: articles.length,
    annotated: articles.filter((a) => a.state === 'adjudicated' || enoughSubmissions({ submissions: a.submissions, required })).length,
    reviewed: articles.filter((a) => a.state === 'in_review' || a.state === 'adjudicated').length,
    adjudicated: articles.filter((a) => a.state === 'adjudicated').length,
  };
}
