// Scenario: the same span saves under load (bench/saves.ts), on PostgreSQL with TWO app
// instances (`next start` ×2 on one database, clients split between them, as behind a load
// balancer). Baseline, in the same run: the bare node:http server doing each save as one
// statement through a pg pool on an identical copy of the database. The cluster is a throwaway
// one with PostgreSQL's durable defaults (fsync and synchronous_commit on), like SQLite's FULL.
import type { ChildProcess } from 'node:child_process';
import { applyMigrations } from '../lib/database/migrate';
import { adminQuery } from '../lib/testing/test-db';
import { databaseUrlOn, startThrowawayPostgres } from '../scripts/lib/postgres';
import { ensureBuild, ROOT } from '../scripts/lib/setup';
import { databaseFile } from './corpus';
import type { Result, ScenarioContext } from './measure';
import { scratchDir } from './measure';
import { copySqliteToPostgres } from './postgres-copy';
import { measureLevels, saveLevels, savesCorpus, startApp, startBaseline, type Target } from './saves';

export async function savesPostgresScenario(ctx: ScenarioContext): Promise<Result[]> {
  const { levels, seconds, warmup } = saveLevels(ctx);
  ensureBuild();
  const scratch = scratchDir('saves-postgres');
  const children: ChildProcess[] = [];
  const postgres = await startThrowawayPostgres({ durable: true });
  try {
    const { appUrl, articles, member, signInAll } = await savesCorpus(ctx, scratch, levels);
    const databases: string[] = [];
    for (const name of ['slant_bench_app', 'slant_bench_baseline']) {
      await adminQuery(postgres.url, `CREATE DATABASE ${name}`);
      const url = databaseUrlOn(postgres.url, name);
      await applyMigrations({ databaseUrl: url, projectRoot: ROOT });
      await copySqliteToPostgres(databaseFile(appUrl), url);
      databases.push(url);
    }
    const [appDatabase, baselineDatabase] = databases;
    const baseline = await startBaseline(baselineDatabase, scratch.file('baseline.log'));
    children.push(baseline.child);
    const instances = await Promise.all([startApp(appDatabase, scratch.file('app-1.log')), startApp(appDatabase, scratch.file('app-2.log'))]);
    children.push(...instances.map((i) => i.child));
    const ports = instances.map((i) => i.port);
    const cookies = await signInAll(ports);
    const targets: [Target, Target] = [
      { name: 'baseline', ports: [baseline.port], pids: [baseline.child.pid!], headers: (c) => ({ 'x-user': member(c) }) },
      { name: 'app', ports, pids: instances.map((i) => i.child.pid!), headers: (c) => ({ cookie: cookies[c] }) },
    ];
    ctx.note('saves on PostgreSQL: a throwaway PostgreSQL cluster (fsync on), two `next start` instances sharing one database, clients alternating between them; baseline: node:http + pg pool');
    return await measureLevels(ctx, targets, articles, { levels, seconds, warmup, where: ' on PostgreSQL, 2 instances' });
  } finally {
    for (const child of children) child.kill('SIGKILL');
    postgres.stop();
    scratch.remove();
  }
}
