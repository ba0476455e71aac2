import { CodePointIndex } from '../anchoring/code-points';
import { toJson, utf8 } from './encoding';
import { completeManifest, GOLD, type ExportArticle, type ExportManifest, type ExportSpan } from './model';
import type { FormatWriter } from './writer';

/*
 * W3C Web Annotation (JSON-LD): one AnnotationCollection whose single page lists, per article,
 *   - an article annotation (motivation "describing") whose TextualBody holds the article's full
 *     text and whose target is the article resource (urn:slant:article:<id>) with its metadata,
 *   - one annotation per span (motivation "classifying") targeting that resource through a
 *     TextQuoteSelector and a TextPositionSelector (code points).
 * Putting the text in the item stream keeps the document streamable: nothing has to be held
 * back for the end. The collection ends with `total` and the final manifest (`slant:manifest`).
 */

export const W3C_CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  // Slant's own terms; the manifest is a JSON literal, not linked data.
  { slant: 'urn:slant:terms:', 'slant:manifest': { '@id': 'slant:manifest', '@type': '@json' } },
] as const;

/** Code points of context on each side of a TextQuoteSelector, as Slant stores for re-anchoring. */
export const QUOTE_CONTEXT = 32;

// Ids are percent-encoded so any id makes a valid IRI; Slant's own ids need no encoding.
export const articleIri = (id: string) => `urn:slant:article:${encodeURIComponent(id)}`;
export const spanIri = (id: string) => `urn:slant:span:${encodeURIComponent(id)}`;

type TextualBody = { type: 'TextualBody'; purpose: string; value: string; format?: string };

export type W3cArticleAnnotation = {
  id: string;
  type: 'Annotation';
  motivation: 'describing';
  created: string;
  modified: string;
  body: TextualBody;
  target: {
    id: string;
    type: 'Text';
    format: 'text/plain';
    'slant:title': string;
    'slant:author': string;
    'slant:outlet': string;
    'slant:sourceUrl': string;
    'slant:publishedOn': string;
    'slant:topic': string;
    'slant:textHash': string;
  };
};

export type W3cCreator = { type: 'Person'; name: string; email: string } | { type: 'Organization'; name: string };

export type W3cSpanAnnotation = {
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  created: string;
  modified: string;
  creator: W3cCreator;
  body: TextualBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
};

export function articleAnnotation(a: ExportArticle): W3cArticleAnnotation {
  return {
    id: `${articleIri(a.id)}:text`,
    type: 'Annotation',
    motivation: 'describing',
    created: a.createdAt,
    modified: a.updatedAt,
    body: { type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: a.text },
    target: {
      id: articleIri(a.id),
      type: 'Text',
      format: 'text/plain',
      'slant:title': a.title,
      'slant:author': a.author,
      'slant:outlet': a.outlet,
      'slant:sourceUrl': a.sourceUrl,
      'slant:publishedOn': a.publishedOn,
      'slant:topic': a.topic,
      'slant:textHash': a.textHash,
    },
  };
}

function creator(annotator: string): W3cCreator {
  // The gold layer is the reviewers' joint decision, not one person's.
  return annotator === GOLD ? { type: 'Organization', name: GOLD } : { type: 'Person', name: annotator, email: `mailto:${annotator}` };
}

export function spanAnnotation(index: CodePointIndex, articleId: string, s: ExportSpan): W3cSpanAnnotation {
  // One body per Slant field, told apart by purpose: the label classifies, the speaker identifies
  // who is quoted, the note comments, the verdict assesses. Empty fields are left out.
  const body: TextualBody[] = [{ type: 'TextualBody', purpose: 'classifying', value: s.label }];
  if (s.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', value: s.speaker });
  if (s.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note });
  if (s.verdict) body.push({ type: 'TextualBody', purpose: 'assessing', value: s.verdict });
  return {
    id: spanIri(s.id),
    type: 'Annotation',
    motivation: 'classifying',
    created: s.createdAt,
    modified: s.updatedAt,
    creator: creator(s.annotator),
    body,
    target: {
      source: articleIri(articleId),
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: s.text,
          prefix: index.slice(Math.max(0, s.start - QUOTE_CONTEXT), s.start),
          suffix: index.slice(s.end, s.end + QUOTE_CONTEXT),
        },
        { type: 'TextPositionSelector', start: s.start, end: s.end },
      ],
    },
  };
}

function collectionHead(manifest: ExportManifest): string {
  const head = {
    '@context': W3C_CONTEXT,
    id: `urn:slant:export:${encodeURIComponent(manifest.project.id)}:${encodeURIComponent(manifest.exportedAt)}`,
    type: 'AnnotationCollection',
    label: `Slant export of ${manifest.project.name}`,
    generator: { type: 'Software', name: 'Slant' },
    generated: manifest.exportedAt,
  };
  const json = toJson(head, 2);
  // Reopen the object to append the page, whose items are streamed.
  return json.slice(0, json.lastIndexOf('}')).trimEnd() + ',\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [';
}

export const w3c: FormatWriter = {
  contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
  fileExtension: 'jsonld',
  async *write({ manifest, articles, finalManifest }) {
    yield utf8(collectionHead(manifest));
    let total = 0;
    const item = (value: unknown) => (total++ ? ',\n      ' : '\n      ') + toJson(value);
    for await (const article of articles) {
      const index = new CodePointIndex(article.text);
      let chunk = item(articleAnnotation(article));
      for (const span of article.spans) chunk += item(spanAnnotation(index, article.id, span));
      yield utf8(chunk);
    }
    const tail = { total, 'slant:manifest': completeManifest(manifest, finalManifest()) };
    const tailJson = toJson(tail, 2);
    yield utf8(`${total ? '\n    ' : ''}]\n  },\n${tailJson.slice(tailJson.indexOf('{') + 1).replace(/^\n/, '')}\n`);
  },
};
