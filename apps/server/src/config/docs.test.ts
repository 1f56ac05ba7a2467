import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from './env';

const root = path.resolve(__dirname, '../../../..');
const schemaKeys = Object.keys(EnvSchema.shape).sort();

describe('README configuration table', () => {
  it('lists exactly the variables the server reads', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Accounts and tokens'));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(schemaKeys);
  });

  it('opens with the two commands', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const firstBlock = readme.slice(readme.indexOf('```bash'), readme.indexOf('```', readme.indexOf('```bash') + 3));
    expect(firstBlock).toContain('npm install && npm start');
    expect(firstBlock).toContain('npm test');
  });
});
