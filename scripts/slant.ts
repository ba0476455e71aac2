// Slant's command line: `npm run slant -- <command>`.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../lib/database/client';
import { engineOf } from '../lib/database/engine';
import { ROLES, type Role } from '../lib/auth/roles';
import { DomainError } from '../lib/errors';
import { demoPasswordProblem } from '../lib/env';
import { createUser, setUserPassword } from '../lib/users/service';
import { prepareExport } from '../lib/export/service';
import { exportOutput } from '../lib/export/stream';
import { checkExportTarget, writeExportFile } from '../lib/export/file';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importDataset, type DatasetOutcome } from '../lib/datasets/import';
import { parseLabelMap } from '../lib/datasets/labels';
import { plural } from '../lib/plural';
import { backupDatabase, databasePath, knownMigrations, restoreDatabase, type DatabaseSummary } from '../lib/database/backup';
import { databaseUrlFromEnv, DEFAULT_DATABASE_URL, loadDotEnv, prepareDatabase, ROOT } from './lib/setup';

// Each command's part of the usage, in the order `npm run slant -- --help` lists them.
const COMMANDS: Record<string, string> = {
  migrate: `  migrate                                 apply database migrations (no demo data)`,
  seed: `  seed                                    apply migrations and seed the demo if the database is empty`,
  user: `  user add --email E --role R [--name N] [--password P]
                                          create a user; R is one of ${ROLES.join(', ')}.
                                          Without --password a random one is generated and printed.
  user password --email E [--password P]  give a user a new password (a forgotten or leaked one);
                                          their sessions end. Without --password a random one is
                                          generated and printed.
  user list                               list users and their roles`,
  export: `  export --project P [--format F] [--layer L] [--article A] [--bundle] [--offsets O] [--spreadsheet]
         --out FILE [--force]
                                          write a dataset export (streamed). F: jsonl (default),
                                          doccano, label-studio, brat, w3c, conll, csv. L: gold
                                          (default), all, or an annotator's e-mail. --bundle adds
                                          manifest.json beside the data in a zip. O: code-points
                                          (default) or utf-16 (doccano, label-studio: what doccano
                                          and Label Studio before 1.6 count; Label Studio 1.6+
                                          counts code points). --spreadsheet (csv): a ' before cells a
                                          spreadsheet would run as formulas. FILE appears only once
                                          the export is complete; an existing FILE is refused unless
                                          --force replaces it.`,
  import: `  import --project P --file FILE [--format F] [--layer L] [--map RAW=label,...] [--valid-only]
         [--from NAME] [--allow-duplicates] [--dry-run] [--as E]
                                          import a dataset with spans. F: slant-jsonl, doccano,
                                          label-studio, csv (detected when omitted). L: gold
                                          (default) or a member's e-mail. --map renames labels
                                          (label: claim, opinion, sourced_quote or skip). --from
                                          picks whose spans to take from a file holding several
                                          annotators' (their name in the file, or gold). --as
                                          records the import (articles, gold spans, audit trail)
                                          under that user, with their rights; by default the
                                          first admin.`,
  backup: `  backup FILE                             copy the database into FILE (SQLite's online backup: safe
                                          while the server runs). Never overwrites an existing FILE.
                                          SQLite only: on PostgreSQL use pg_dump (docs/deploy.md).`,
  restore: `  restore FILE                            replace the database with the backup FILE, after checking
                                          that it is a healthy Slant database. Stop the server first
                                          (refused while the database is in use, or when it is not in
                                          WAL mode and so cannot be checked); the replaced database is
                                          kept as <database file>.before-restore-<UTC time>, and
                                          earlier such copies are never removed.`,
};

const ENVIRONMENT = `Environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}, a relative path taken from the project folder;
             postgresql://… for PostgreSQL), DEMO_PASSWORD (seed).
A FILE that starts with - is taken for an option: write ./-name for such a file.`;

const USAGE = `Usage: npm run slant -- <command>   (npm run slant -- <command> --help shows one command)

Commands:
${Object.values(COMMANDS).join('\n')}

${ENVIRONMENT}`;

/** The usage of one command, or of all of them for a command Slant does not have. */
const usageOf = (name: string | undefined) =>
  name && Object.hasOwn(COMMANDS, name) ? `Usage: npm run slant -- ${name} ...\n\n${COMMANDS[name]}\n\n${ENVIRONMENT}` : USAGE;

const HELP = ['-h', '--help'];

/**
 * Why `value`, given as FILE, is refused, or null. A name that starts with - is almost always an
 * option in the wrong place (`backup --help` once made a backup file named --help).
 */
function optionLikeFile(what: string, value: string | undefined): string | null {
  if (!value?.startsWith('-')) return null;
  return `${what} "${value}" starts with "-", so it looks like an option, not a file. To name such a file, write ./${value}.`;
}

loadDotEnv();
const databaseUrl = databaseUrlFromEnv();
const args = process.argv.slice(2);
const [command, sub, ...rest] = args;

const summarize = (s: DatabaseSummary) =>
  `${(s.bytes / 1024).toFixed(0)} KiB, ${s.articles} articles, ${s.spans} spans, ${s.auditEvents} audit events`;

async function main(): Promise<number> {
  // -h and --help anywhere, and `help [command]`, print usage and do nothing else.
  if (command === undefined || HELP.includes(command) || command === 'help') {
    console.log(usageOf(command === 'help' ? sub : undefined));
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    console.error(`There is no command "${command}".\n\n${USAGE}`);
    return 2;
  }
  if (args.slice(1).some((a) => HELP.includes(a))) {
    console.log(usageOf(command));
    return 0;
  }
  if (command === 'backup' || command === 'restore') {
    if (engineOf(databaseUrl) === 'postgresql') {
      console.error(`${command} works on SQLite files. On PostgreSQL use pg_dump and pg_restore (docs/deploy.md, "Backups").`);
      return 2;
    }
    if (!sub || rest.length) {
      console.error(`${command} needs exactly one FILE.\n\n${usageOf(command)}`);
      return 2;
    }
    const optionLike = optionLikeFile(`${command} FILE`, sub);
    if (optionLike) {
      console.error(optionLike);
      return 2;
    }
    const file = path.resolve(sub);
    const database = databasePath(databaseUrl, ROOT);
    if (command === 'backup') {
      const summary = await backupDatabase({ databasePath: database, to: file });
      console.log(`Backed up ${database} to ${file}: ${summarize(summary)}.`);
      return 0;
    }
    const restored = await restoreDatabase({ from: file, databasePath: database, knownMigrations: knownMigrations(ROOT) });
    console.log(`Restored ${file} into ${database}: ${summarize(restored)}.`);
    if (restored.previous) console.log(`The database it replaced is kept as ${restored.previous}.`);
    console.log('Start the server again (npm start); it applies any migrations newer than the backup.');
    return 0;
  }
  if (command === 'migrate' || command === 'seed') {
    // The app refuses to run with a DEMO_PASSWORD it would not accept as a password: never seed one.
    const demoPasswordIssue = command === 'seed' ? demoPasswordProblem(process.env.DEMO_PASSWORD) : null;
    if (demoPasswordIssue) {
      console.error(`${demoPasswordIssue} Nothing was seeded.`);
      return 2;
    }
    const { seeded } = await prepareDatabase({ databaseUrl, seed: command === 'seed', demoPassword: process.env.DEMO_PASSWORD ?? 'demo-password' });
    console.log(command === 'seed' && !seeded ? 'The database already has data; the demo was not seeded.' : 'Done.');
    return 0;
  }
  if (command === 'user' && (sub === 'add' || sub === 'list' || sub === 'password')) {
    await prepareDatabase({ databaseUrl, seed: false, demoPassword: '' });
    const db = createPrismaClient(databaseUrl);
    try {
      if (sub === 'list') {
        const users = await db.user.findMany({ where: { deletedAt: null }, orderBy: { email: 'asc' } });
        for (const u of users) console.log(`${u.email.padEnd(32)} ${u.role.padEnd(10)} ${u.name}`);
        return 0;
      }
      if (sub === 'password') {
        const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' } }, strict: true });
        if (!values.email) {
          console.error(`user password needs --email.\n\n${usageOf('user')}`);
          return 2;
        }
        const email = values.email.trim().toLowerCase();
        const user = await db.user.findFirst({ where: { email, deletedAt: null } });
        if (!user) {
          console.error(`No active user has the e-mail ${email} (npm run slant -- user list shows them).`);
          return 1;
        }
        const generated = values.password ? null : randomBytes(12).toString('base64url');
        await setUserPassword(db, { actorId: null, input: { userId: user.id, password: values.password ?? generated } });
        console.log(`New password set for ${user.email}; their sessions have ended.`);
        if (generated) console.log(`Password: ${generated}`);
        return 0;
      }
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
        strict: true,
      });
      if (!values.email || !values.role) {
        console.error(`user add needs --email and --role.\n\n${usageOf('user')}`);
        return 2;
      }
      const generated = values.password ? null : randomBytes(12).toString('base64url');
      const user = await createUser(db, {
        actorId: null,
        input: { email: values.email, role: values.role, name: values.name, password: values.password ?? generated },
      });
      console.log(`Created ${user.email} (${user.role}).`);
      if (generated) console.log(`Password: ${generated}`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (command === 'export') {
    const { values } = parseArgs({
      args: [sub, ...rest].filter((a): a is string => a !== undefined),
      options: {
        project: { type: 'string' },
        format: { type: 'string' },
        layer: { type: 'string' },
        article: { type: 'string' },
        bundle: { type: 'boolean' },
        offsets: { type: 'string' },
        spreadsheet: { type: 'boolean' },
        out: { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
    });
    if (!values.project || !values.out) {
      console.error(`export needs --project and --out.\n\n${usageOf('export')}`);
      return 2;
    }
    const optionLike = optionLikeFile('--out', values.out);
    if (optionLike) {
      console.error(optionLike);
      return 2;
    }
    const out = path.resolve(values.out);
    const force = values.force ?? false;
    // Before any work: a file in the way is refused at once, not after a long export.
    checkExportTarget(out, force);
    await prepareDatabase({ databaseUrl, seed: false, demoPassword: '' });
    const db = createPrismaClient(databaseUrl);
    try {
      // The command line acts with an admin's rights: whoever runs it already has the database file.
      const cliActor = { id: 'command-line', role: 'admin' as const };
      const prepared = await prepareExport(db, cliActor, {
        projectId: values.project,
        input: { format: values.format, layer: values.layer, articleId: values.article, bundle: values.bundle ?? false, offsets: values.offsets, spreadsheet: values.spreadsheet ?? false },
      });
      const output = exportOutput(prepared);
      // Ctrl-C (or a terminal closing, or a stop signal) ends the export without leaving a part of it behind.
      const interrupted = new AbortController();
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const interrupt = () => interrupted.abort();
      for (const s of signals) process.once(s, interrupt);
      try {
        await writeExportFile({ out, chunks: output.chunks, force, signal: interrupted.signal });
      } catch (error) {
        if (!interrupted.signal.aborted) throw error;
        console.error(`Export interrupted: ${out} was not written.`);
        return 130;
      } finally {
        for (const s of signals) process.off(s, interrupt);
      }
      const manifest = prepared.finalManifest();
      console.log(`Wrote ${out}: ${plural(manifest.counts.articles, 'article')}, ${plural(manifest.counts.spans, 'span')} (${output.contentType}).`);
      for (const w of manifest.warnings ?? []) console.log(`Note: ${w}`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  if (command === 'import') {
    const { values } = parseArgs({
      args: [sub, ...rest].filter((a): a is string => a !== undefined),
      options: {
        project: { type: 'string' },
        file: { type: 'string' },
        format: { type: 'string' },
        layer: { type: 'string' },
        map: { type: 'string' },
        from: { type: 'string' },
        'valid-only': { type: 'boolean' },
        'allow-duplicates': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        as: { type: 'string' },
      },
      strict: true,
    });
    if (!values.project || !values.file) {
      console.error(`import needs --project and --file.\n\n${usageOf('import')}`);
      return 2;
    }
    const optionLike = optionLikeFile('--file', values.file);
    if (optionLike) {
      console.error(optionLike);
      return 2;
    }
    await prepareDatabase({ databaseUrl, seed: false, demoPassword: '' });
    const db = createPrismaClient(databaseUrl);
    try {
      // Imports write articles, spans and audit events, so they are recorded under a user: the
      // one named with --as (with their rights), else the first admin.
      const email = values.as?.trim().toLowerCase();
      const actor = email
        ? await db.user.findFirst({ where: { email, deletedAt: null } })
        : await db.user.findFirst({ where: { role: 'admin', deletedAt: null }, orderBy: { createdAt: 'asc' } });
      if (!actor) {
        throw new Error(
          email
            ? `No active user has the e-mail ${email} (npm run slant -- user list shows them).`
            : 'Create an admin first (npm run slant -- user add --role admin ...): imports are recorded under a user.',
        );
      }
      console.log(`Recorded under ${actor.email}${email ? '' : ' (the first admin; --as names another user)'}.`);
      const outcome = await importDataset(db, { id: actor.id, role: actor.role as Role }, {
        projectId: values.project,
        fileName: path.basename(values.file),
        content: await readFile(values.file),
        options: {
          format: values.format,
          layer: values.layer ?? 'gold',
          labelMap: values.map ? parseLabelMap(values.map) : {},
          from: values.from,
          validOnly: values['valid-only'] ?? false,
          allowDuplicates: values['allow-duplicates'] ?? false,
          dryRun: values['dry-run'] ?? false,
        },
      }).catch((error: unknown) => {
        const details = error instanceof DomainError ? (error.details as DatasetOutcome | undefined) : undefined;
        for (const p of details?.problems ?? []) console.error(`  ${p.message}`);
        throw error;
      });
      for (const l of outcome.labels) console.log(`  label ${l.raw} (${l.spans} spans) -> ${l.mappedTo ?? 'unmapped'}`);
      for (const p of outcome.problems) console.log(`  skipped: ${p.message}`);
      console.log(
        `${outcome.dryRun ? 'Checked (nothing written)' : 'Imported'}: ${outcome.imported.articles} articles, ${outcome.imported.spans} spans.`,
      );
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  console.error(`user needs add, password or list.\n\n${usageOf('user')}`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DomainError) console.error(`Error: ${error.message}`);
    else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
