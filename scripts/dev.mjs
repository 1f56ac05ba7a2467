#!/usr/bin/env node
// `npm run dev`: the server rebuilt by SWC on every change and restarted by `node --watch`,
// plus Vite's dev server (http://localhost:5173) proxying /api and /socket.io to it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd = root) => spawn(cmd, args, { cwd, stdio: 'inherit', env: process.env });

const first = spawnSync('npm', ['run', 'build', '-w', '@discordgym/contracts', '-w', '@discordgym/server'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

const swcArgs = ['swc', 'src', '-d', 'dist', '--strip-leading-paths', '--config-file', '../../.swcrc.cjs.json', '--ignore', '**/*.test.ts', '-w'];
const children = [
  run('npx', ['swc', 'src', '-d', 'dist', '--strip-leading-paths', '--config-file', '../../.swcrc.cjs.json', '-w'], path.join(root, 'packages/contracts')),
  run('npx', swcArgs, path.join(root, 'apps/server')),
  run('node', ['--watch', '--enable-source-maps', 'apps/server/dist/main.js']),
  run('npx', ['vite'], path.join(root, 'apps/web')),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
