/**
 * Once a review is closed (adjudicated), every annotator's layer on the article is closed with it:
 * gold was settled from the layers as they stood, and agreement and feedback are measured on them.
 * Span writes, submitting and reopening are refused with this until a reviewer reopens the review.
 */
export const REVIEW_CLOSED = 'The review of this article is closed, so your annotations on it can no longer change. A reviewer can reopen the review.';
