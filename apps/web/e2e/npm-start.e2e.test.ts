import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot, uniqueName } from './browser.helper';

const root = path.resolve(import.meta.dirname, '../../..');
const PASSWORD = 'Lantern-Gravel-Otter-42';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The product as a new user runs it: no DATABASE_URL, no REDIS_URL, nothing else running. */
function startProduct(script: 'start' | 'start:built', port: number, dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NODE_ENV', 'JWT_SECRET', 'WEB_DIST_DIR']) delete env[name];
  return spawn('npm', ['run', script], { cwd: root, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode}:\n${stderr}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no /health within ${timeoutMs} ms:\n${stderr}`);
}

/** SIGTERM to npm and the server under it; resolves when the whole group is gone. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

describe('npm start, as a new user runs it', () => {
  let browser: Browser;
  let product: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'discordgym-start-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await stop(product);
    await browser?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the web app with no services; an account registered in the browser survives a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    product = startProduct('start', port, dataDir);
    await waitForHealth(url, product, 240_000);

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const username = uniqueName('newcomer');
    const email = `${username}@example.test`;
    await page.goto(url);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('dialog', { name: 'Log out?' }).getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Welcome back!' }).waitFor();

    // Stop and start again on the same data folder: PGlite kept the account.
    await stop(product);
    product = startProduct('start:built', port, dataDir);
    await waitForHealth(url, product, 60_000);
    await page.goto(url);
    await page.getByLabel('Email or handle').fill(email);
    await page.getByLabel('Password', { exact: false }).first().fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: `Hi, ${username}!` }).waitFor();
    const ready = await fetch(`${url}/ready`).then((r) => r.json());
    expect(ready).toMatchObject({ status: 'ready', checks: { database: 'ok', memory: 'ok' } });
    await saveScreenshot(page, 'npm-start-fresh-user');
    await context.close();
  }, 360_000);
});
