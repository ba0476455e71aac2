import { z } from 'zod';

export const ROLES = ['admin', 'reviewer', 'annotator'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Admin',
  reviewer: 'Reviewer',
  annotator: 'Annotator',
};
