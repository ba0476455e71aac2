import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionResult, choiceArgument, fieldsOf, formArgument, idArgument, versionArgument } from './actions';
import { conflict, parseOrThrow } from './errors';

// What a forged server-action call can send in place of a bound id: React's reply encoding
// carries objects, numbers and nothing as well as strings.
const forged = [{ not: 'x' }, ['demo-user-admin'], 42, null, undefined, '', 'x'.repeat(201), 'a\u0000b'];

describe('server action arguments', () => {
  it('takes an id only as a short string, and names the argument otherwise', async () => {
    expect(idArgument('demo-article-bridge', 'articleId')).toBe('demo-article-bridge');
    for (const value of forged) {
      const outcome = await actionResult(async () => ({ id: idArgument(value, 'articleId') }));
      expect(outcome).toMatchObject({ status: 422, error: expect.stringContaining('articleId must be an id') });
    }
  });

  it('takes a version only as a whole number the database can hold', () => {
    expect(versionArgument(3)).toBe(3);
    for (const value of ['3', 1.5, -1, 2 ** 31, { version: 1 }]) expect(() => versionArgument(value)).toThrow(/version must be a whole number/);
  });

  it('takes a choice only from its list, and a form only as FormData', () => {
    expect(choiceArgument('span', ['span', 'article'], 'kind')).toBe('span');
    expect(() => choiceArgument('user', ['span', 'article'], 'kind')).toThrow('kind must be one of span, article, not "user".');
    const form = new FormData();
    expect(formArgument(form)).toBe(form);
    expect(() => formArgument({ get: () => 'x' })).toThrow('The action expects a form.');
  });
});

describe('refusals that name fields', () => {
  it('lists the form fields a validation refusal names, once each, for the form to mark', async () => {
    const schema = z.object({ email: z.string().email(), name: z.string().min(1), tags: z.array(z.string().min(2)) });
    const outcome = await actionResult(async () => parseOrThrow(schema, { email: 'nope', name: '', tags: ['a', 'b'] }));
    expect(outcome).toMatchObject({ status: 422, fields: ['email', 'name', 'tags'] });
  });

  it('names no field when the refusal is about no field', async () => {
    const outcome = await actionResult(async () => {
      throw conflict('Someone else changed this first.');
    });
    expect(outcome).toEqual({ status: 409, error: 'Someone else changed this first.' });
    expect(fieldsOf(undefined)).toEqual([]);
    expect(fieldsOf([{ path: [0, 'x'] }, null, { message: 'no path' }])).toEqual([]);
  });
});
