import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { engineOf } from './engine';

// Prisma's CLI cannot download its schema-engine binary on offline machines, so Slant drives
// Prisma's own schema engine compiled to WebAssembly (docs/decisions/001-offline-migrations.md).
// The npm package is laid out for bundlers (`import * as wasm from "./x.wasm"`), which Node
// refuses, so the module is instantiated by hand here.

const require = createRequire(import.meta.url);

type EngineModule = { SchemaEngine: typeof SchemaEngine; __wbg_set_wasm(exports: unknown): void };

let enginePromise: Promise<EngineModule> | undefined;

async function loadEngineModule(): Promise<EngineModule> {
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = (await import(pathToFileURL(bgPath).href)) as EngineModule;
  const bytes = await readFile(bgPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg;
}

export async function openSchemaEngine(options: { databaseUrl: string; schema: { path: string; content: string } }) {
  enginePromise ??= loadEngineModule();
  const mod = await enginePromise;
  // Track every connection the engine opens: freeing the engine does not close them, and a
  // connection left open keeps SQLite's lock, so the next engine on the same file would time out.
  const base =
    engineOf(options.databaseUrl) === 'postgresql'
      ? new PrismaPg({ connectionString: options.databaseUrl })
      : new PrismaBetterSqlite3({ url: options.databaseUrl });
  const opened: SqlDriverAdapter[] = [];
  const track = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(() => base.connect()),
    connectToShadowDb: () => track(() => base.connectToShadowDb()),
  });
  const logs: string[] = [];
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[options.schema.path, options.schema.content]] },
    (line: string) => logs.push(line),
    factory,
  );
  return {
    engine,
    logs,
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}
