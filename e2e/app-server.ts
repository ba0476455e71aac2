// Production servers (`next start` on the shared build) that a spec starts itself, on its own
// database and port, and plain-HTTP clients for them: a dead server shows up as the socket error
// it is. Used by the durability and multi-instance specs.
import { expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../scripts/lib/setup';

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export type Server = { port: number; child: ChildProcess; output: () => string };

export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  password: string;
  /** Every child started goes here, so the spec's afterAll can kill what a failed test left. */
  running: Set<ChildProcess>;
  /** The environment variable that picks the port, named in the error when it is taken. */
  portVariable: string;
  secret?: string;
  /** Start through `npm run serve`'s script (start-up migration, then `next start`). */
  viaServeScript?: boolean;
}): Promise<Server> {
  const url = `http://localhost:${options.port}`;
  if (await portTaken(options.port)) throw new Error(`Port ${options.port} is already taken; set ${options.portVariable} to a free one.`);
  const argv = options.viaServeScript ? [TSX_CLI, 'scripts/serve.ts'] : [NEXT_BIN, 'start', '-p', String(options.port)];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      DEMO_PASSWORD: options.password,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: options.secret ?? 'e2e-app-server-secret-not-for-production',
    },
  });
  options.running.add(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!(await answers(`${url}/login`))) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port: options.port, child, output: () => output };
}

export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(5_000, () => req.destroy());
  });
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  // The serve script forwards the signal to its `next start`, and exits when that has.
  await exited;
}

// ---------------------------------------------------------------------------------------------
// Clients

export type Client = { email: string; headers: Record<string, string> };
export type Answer = { status: number; body: string; ms: number; setCookie: string[] };

export function send(agent: http.Agent, args: { port: number; method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: args.port, method: args.method, path: args.path, agent, headers: { host: `localhost:${args.port}`, ...args.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body, ms: performance.now() - started, setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
    req.end(args.body);
  });
}

export function sendJson(agent: http.Agent, port: number, client: Client, method: string, url: string, body?: unknown) {
  return send(agent, {
    port,
    method,
    path: url,
    headers: { ...client.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const cookiesOf = (answer: Answer) => answer.setCookie.map((c) => c.split(';')[0]);

/** One sign-in through next-auth's credentials endpoint; the session cookie when it worked. */
export async function attemptSignIn(port: number, email: string, password: string): Promise<{ url: string; session?: string }> {
  const agent = new http.Agent();
  try {
    const csrf = await send(agent, { port, method: 'GET', path: '/api/auth/csrf' });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const answer = await send(agent, {
      port,
      method: 'POST',
      path: '/api/auth/callback/credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
    // next-auth answers 200 to a sign-in, 401 to a refused one; both name where to go next.
    expect([200, 401]).toContain(answer.status);
    const session = cookiesOf(answer).find((c) => c.startsWith('next-auth.session-token='));
    return { url: decodeURIComponent((JSON.parse(answer.body) as { url: string }).url), session };
  } finally {
    agent.destroy();
  }
}

/** Signs in, keeping the session cookie as a browser would, and checks the session is real. */
export async function signInOverHttp(port: number, email: string, password: string): Promise<Client> {
  const { session } = await attemptSignIn(port, email, password);
  expect(session, `signed in as ${email}`).toBeTruthy();
  const client = { email, headers: { cookie: session! } };
  const agent = new http.Agent();
  try {
    const check = await sendJson(agent, port, client, 'GET', '/api/auth/session');
    expect((JSON.parse(check.body) as { user?: { email?: string } }).user?.email).toBe(email);
  } finally {
    agent.destroy();
  }
  return client;
}
