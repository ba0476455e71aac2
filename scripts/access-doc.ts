// Renders docs/access-control.md from lib/auth/access-table.ts: `npm run docs:access`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { accessDocument } from '../lib/auth/access-doc';

const file = path.resolve(import.meta.dirname, '..', 'docs', 'access-control.md');
writeFileSync(file, accessDocument());
console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
