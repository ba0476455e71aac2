import { makeSelector } from '../anchoring/selector';
import { codePointLength } from '../anchoring/code-points';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import { canonicalText, hashText } from '../import/canonical';
import type { Db } from './client';
import { DEMO_ARTICLES, DEMO_SPANS } from './demo-articles';

// Fixed ids, so tests and docs can name the demo's records.
export const DEMO_PROJECT_ID = 'demo-project';
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

/** Creates the demo project, users, articles and annotations. Call only on an empty database. */
export async function seedDemo(db: Db, options: { password: string }): Promise<void> {
  const passwordHash = await hashPassword(options.password);
  await db.$transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      await tx.user.create({ data: { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash } });
    }
    await tx.project.create({ data: { id: DEMO_PROJECT_ID, name: 'Demo: media bias', guidelines: DEMO_GUIDELINES } });
    for (const u of DEMO_USERS) {
      await tx.membership.create({ data: { projectId: DEMO_PROJECT_ID, userId: u.id } });
    }
    for (const [position, a] of DEMO_ARTICLES.entries()) {
      const text = canonicalText(a.text);
      await tx.article.create({
        data: {
          id: a.id,
          projectId: DEMO_PROJECT_ID,
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
    for (const s of DEMO_SPANS) {
      const article = DEMO_ARTICLES.find((a) => a.id === s.articleId)!;
      const text = canonicalText(article.text);
      const utf16 = text.indexOf(s.quote);
      if (utf16 < 0) throw new Error(`Demo span ${s.id}: quote not found in its article`);
      const start = codePointLength(text.slice(0, utf16));
      const selector = makeSelector(text, { start, end: start + codePointLength(s.quote) });
      const authorId = `demo-user-${s.author}`;
      await tx.span.create({
        data: {
          id: s.id,
          articleId: s.articleId,
          authorId,
          label: s.label,
          ...selector,
          textHash: hashText(text),
          note: s.note ?? '',
          speaker: s.speaker ?? '',
        },
      });
    }
    for (const key of ['ann1', 'ann2']) {
      await tx.annotationStatus.create({
        data: { articleId: 'demo-article-bridge', userId: `demo-user-${key}`, status: 'in_progress' },
      });
    }
  });
}
