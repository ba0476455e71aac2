import { describe, expect, it } from 'vitest';
import { ACTIONS, decide, type Actor } from './permissions';

const admin: Actor = { id: 'a', role: 'admin' };
const reviewer: Actor = { id: 'r', role: 'reviewer' };
const annotator: Actor = { id: 'n', role: 'annotator' };

const status = (actor: Actor | null, ...args: Parameters<typeof decide> extends [unknown, ...infer R] ? R : never) => {
  const d = decide(actor, ...args);
  return d.ok ? 200 : d.status;
};

describe('permissions', () => {
  it('answers 401 to anonymous visitors for every action', () => {
    for (const action of ACTIONS) expect(status(null, action, { isMember: true })).toBe(401);
  });

  it('lets only admins manage users and create projects', () => {
    expect(status(admin, 'user.manage')).toBe(200);
    expect(status(reviewer, 'user.manage')).toBe(403);
    expect(status(annotator, 'user.manage')).toBe(403);
    expect(status(annotator, 'project.create')).toBe(403);
  });

  it('hides projects from non-members with 404 and lets members view and import', () => {
    expect(status(annotator, 'project.view', { isMember: false })).toBe(404);
    expect(status(annotator, 'project.view', { isMember: true })).toBe(200);
    expect(status(annotator, 'article.import', { isMember: true })).toBe(200);
    expect(status(reviewer, 'article.view', { isMember: false })).toBe(404);
    expect(status(admin, 'article.view', { isMember: false })).toBe(200);
  });

  it('lets only admins read the audit trail and restore deleted records', () => {
    for (const action of ['audit.view', 'record.restore'] as const) {
      expect(status(admin, action)).toBe(200);
      expect(status(reviewer, action, { isMember: true })).toBe(403);
      expect(status(annotator, action, { isMember: true })).toBe(403);
    }
  });

  it('lets reviewers who are members and admins delete articles', () => {
    expect(status(reviewer, 'article.delete', { isMember: true })).toBe(200);
    expect(status(reviewer, 'article.delete', { isMember: false })).toBe(404);
    expect(status(annotator, 'article.delete', { isMember: true })).toBe(403);
    expect(status(admin, 'article.delete', { isMember: false })).toBe(200);
  });

  it('answers 403 to members who may see but not manage a project', () => {
    expect(status(annotator, 'project.manage', { isMember: true })).toBe(403);
    expect(status(annotator, 'project.manage', { isMember: false })).toBe(404);
    expect(status(admin, 'project.manage', { isMember: false })).toBe(200);
  });

  it('lets only members annotate', () => {
    expect(status(annotator, 'article.annotate', { isMember: true })).toBe(200);
    expect(status(annotator, 'article.annotate', { isMember: false })).toBe(404);
    expect(status(admin, 'article.annotate', { isMember: false })).toBe(404);
  });

  it("treats another annotator's span as not found", () => {
    expect(status(annotator, 'span.edit', { isMember: true, ownerId: 'n' })).toBe(200);
    expect(status(annotator, 'span.edit', { isMember: true, ownerId: 'someone-else' })).toBe(404);
    expect(status(admin, 'span.edit', { isMember: true, ownerId: 'n' })).toBe(404);
    expect(status(annotator, 'span.edit', { isMember: false, ownerId: 'n' })).toBe(404);
  });

  it('lets reviewers and admins review; annotators only when the project allows it and they submitted', () => {
    expect(status(reviewer, 'article.review', { isMember: true })).toBe(200);
    expect(status(reviewer, 'article.review', { isMember: false })).toBe(404);
    expect(status(admin, 'article.review', { isMember: false })).toBe(200);
    expect(status(annotator, 'article.review', { isMember: true })).toBe(403);
    expect(status(annotator, 'article.review', { isMember: true, annotatorsMayReview: true })).toBe(403);
    expect(status(annotator, 'article.review', { isMember: true, annotatorsMayReview: true, submittedByActor: true })).toBe(200);
  });

  it('shows agreement figures and exports to reviewers and admins only, even where annotators review each other', () => {
    expect(status(reviewer, 'project.report', { isMember: true })).toBe(200);
    expect(status(admin, 'project.report', { isMember: false })).toBe(200);
    expect(status(annotator, 'project.report', { isMember: true })).toBe(403);
    expect(status(annotator, 'project.report', { isMember: true, annotatorsMayReview: true })).toBe(403);
    expect(status(annotator, 'project.report', { isMember: false })).toBe(404);
  });

  it('shows the review queue to reviewers and admins, and to annotators where they review each other', () => {
    expect(status(reviewer, 'project.review-queue', { isMember: true })).toBe(200);
    expect(status(annotator, 'project.review-queue', { isMember: true })).toBe(403);
    expect(status(annotator, 'project.review-queue', { isMember: true, annotatorsMayReview: true })).toBe(200);
    expect(status(annotator, 'project.review-queue', { isMember: false, annotatorsMayReview: true })).toBe(404);
  });
});
