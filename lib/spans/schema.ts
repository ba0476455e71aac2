import { z } from 'zod';
import { labelSchema } from '../labels';
import { versionField } from '../versions';

// One schema per operation, shared by the annotation page and the API route handlers.

export const MAX_NOTE = 5_000;
export const MAX_SPEAKER = 200;

export const createSpanSchema = z
  .object({
    label: labelSchema,
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    note: z.string().max(MAX_NOTE).default(''),
    speaker: z.string().max(MAX_SPEAKER).default(''),
    /** The article's text hash as the client saw it: a selection made on an older text is refused. */
    textHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "textHash must be the article's text hash as listed by the API: 64 lowercase hexadecimal digits")
      .optional(),
  })
  .strict()
  .refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] });

export const updateSpanSchema = z
  .object({
    version: versionField,
    label: labelSchema.optional(),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(1).optional(),
    note: z.string().max(MAX_NOTE).optional(),
    speaker: z.string().max(MAX_SPEAKER).optional(),
  })
  .strict();

export const versionSchema = z.object({ version: versionField }).strict();

export type CreateSpanInput = z.input<typeof createSpanSchema>;
export type UpdateSpanInput = z.input<typeof updateSpanSchema>;

/** The span as the annotation page and the API see it. */
export type SpanView = {
  id: string;
  articleId: string;
  label: z.infer<typeof labelSchema>;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  note: string;
  speaker: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};
