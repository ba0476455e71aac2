import { makeSelector } from '../anchoring/selector';
import { codePointLength } from '../anchoring/code-points';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import { canonicalText, hashText } from '../import/canonical';
import type { Db } from './client';
import { DEMO_ARTICLES, DEMO_SPANS, REVIEW_DEMO_ARTICLES, REVIEW_DEMO_SPANS, type DemoArticle, type DemoSpan } from './demo-articles';

// Fixed ids, so tests and docs can name the demo's records.
export const DEMO_PROJECT_ID = 'demo-project';
export const REVIEW_DEMO_PROJECT_ID = 'demo-review';
export const DEMO_USERS: { id: string; key: 'admin' | 'reviewer' | 'ann1' | 'ann2'; email: string; name: string; role: Role }[] = [
  { id: 'demo-user-admin', key: 'admin', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin' },
  { id: 'demo-user-reviewer', key: 'reviewer', email: 'reviewer@demo.test', name: 'Rui Reviewer', role: 'reviewer' },
  { id: 'demo-user-ann1', key: 'ann1', email: 'ann1@demo.test', name: 'Ana Annotator', role: 'annotator' },
  { id: 'demo-user-ann2', key: 'ann2', email: 'ann2@demo.test', name: 'Ben Annotator', role: 'annotator' },
];

export const DEMO_GUIDELINES = `# Labelling guidelines

Mark every passage that does one of these things. Label the **smallest complete unit**, usually a clause or a sentence.

| Label | Key | Use it for |
|---|---|---|
| **Claim** | 1 | A statement of fact that could be checked: numbers, events, attributions. True or false does not matter. |
| **Opinion** | 2 | The writer's own judgement, prediction or recommendation, including loaded wording. |
| **Sourced quote** | 3 | Words attributed to someone else, quoted directly. Fill in **Speaker** with who is quoted. |

## Tips

- Include the quotation marks in a sourced quote, but not the "said X" tag.
- A passage can carry two labels (for example an opinion inside a quote): make two spans.
- When unsure, add a note explaining why.
`;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function createArticles(tx: Tx, projectId: string, articles: DemoArticle[]) {
  for (const [position, a] of articles.entries()) {
    const text = canonicalText(a.text);
    await tx.article.create({
      data: {
        id: a.id,
        projectId,
        title: a.title,
        author: a.author,
        outlet: a.outlet,
        sourceUrl: a.sourceUrl,
        publishedOn: a.publishedOn,
        topic: a.topic,
        text,
        textHash: hashText(text),
        position,
        createdById: 'demo-user-admin',
      },
    });
  }
}

async function createSpans(tx: Tx, articles: DemoArticle[], spans: DemoSpan[]) {
  for (const s of spans) {
    const article = articles.find((a) => a.id === s.articleId)!;
    const text = canonicalText(article.text);
    const utf16 = text.indexOf(s.quote);
    if (utf16 < 0) throw new Error(`Demo span ${s.id}: quote not found in its article`);
    const start = codePointLength(text.slice(0, utf16));
    const selector = makeSelector(text, { start, end: start + codePointLength(s.quote) });
    await tx.span.create({
      data: {
        id: s.id,
        articleId: s.articleId,
        authorId: `demo-user-${s.author}`,
        label: s.label,
        ...selector,
        textHash: hashText(text),
        note: s.note ?? '',
        speaker: s.speaker ?? '',
      },
    });
  }
}

/**
 * Creates the demo users and two projects. "Demo: media bias" is for annotating: the first
 * article carries a few unsubmitted spans by each annotator. "Demo: review practice" is for
 * reviewing: both annotators have submitted its articles. Call only on an empty database.
 */
export async function seedDemo(db: Db, options: { password: string }): Promise<void> {
  const passwordHash = await hashPassword(options.password);
  const submittedAt = new Date('2026-07-02T09:00:00Z');
  await db.$transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      await tx.user.create({ data: { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash } });
    }
    await tx.project.create({ data: { id: DEMO_PROJECT_ID, name: 'Demo: media bias', guidelines: DEMO_GUIDELINES } });
    await tx.project.create({ data: { id: REVIEW_DEMO_PROJECT_ID, name: 'Demo: review practice', guidelines: DEMO_GUIDELINES } });
    for (const projectId of [DEMO_PROJECT_ID, REVIEW_DEMO_PROJECT_ID]) {
      for (const u of DEMO_USERS) await tx.membership.create({ data: { projectId, userId: u.id } });
    }
    await createArticles(tx, DEMO_PROJECT_ID, DEMO_ARTICLES);
    await createArticles(tx, REVIEW_DEMO_PROJECT_ID, REVIEW_DEMO_ARTICLES);
    await createSpans(tx, DEMO_ARTICLES, DEMO_SPANS);
    await createSpans(tx, REVIEW_DEMO_ARTICLES, REVIEW_DEMO_SPANS);
    for (const key of ['ann1', 'ann2']) {
      const userId = `demo-user-${key}`;
      await tx.annotationStatus.create({ data: { articleId: 'demo-article-bridge', userId, status: 'in_progress' } });
      for (const a of REVIEW_DEMO_ARTICLES) {
        await tx.annotationStatus.create({ data: { articleId: a.id, userId, status: 'submitted', submittedAt } });
      }
    }
  });
}
