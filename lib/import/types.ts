export type ArticleDraft = {
  title: string;
  author: string;
  outlet: string;
  sourceUrl: string;
  /** 'YYYY-MM-DD' or '' */
  publishedOn: string;
  topic: string;
  /** Canonical body, see canonicalText. */
  text: string;
};

/** Metadata a caller already knows; non-empty values win over anything read from the text. */
export type DraftMetadata = Omit<ArticleDraft, 'text'>;

export type DraftWithSource = ArticleDraft & {
  /** File name, or 'pasted text'; for JSONL 'name.jsonl line 3'. */
  source: string;
};

export type ImportProblem = {
  source: string;
  line?: number;
  /** Complete, user-facing sentence that already names the source. */
  message: string;
};

export type ImportResult = { drafts: DraftWithSource[]; problems: ImportProblem[] };

export const EMPTY_METADATA: Readonly<DraftMetadata> = Object.freeze({
  title: '',
  author: '',
  outlet: '',
  sourceUrl: '',
  publishedOn: '',
  topic: '',
});
