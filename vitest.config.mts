import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest's DI needs decorator metadata, which esbuild does not emit: SWC compiles the tests.
// The inline options keep the CommonJS .swcrc used for the build away from this transform.
const swcPlugin = swc.vite({
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
});

export default defineConfig({
  plugins: [swcPlugin],
  test: {
    reporters: ['default'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'embedded',
          // apps/web/src: the web app's pure logic (no browser; the e2e project covers that).
          include: ['apps/server/**/*.test.ts', 'packages/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
          exclude: ['**/*.cluster.test.ts', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'cluster',
          include: ['apps/server/**/*.cluster.test.ts', 'deploy/**/*.cluster.test.ts', 'scripts/**/*.cluster.test.ts'],
          globalSetup: ['apps/server/test/cluster.global-setup.ts'],
          // One database for the run; files share it, so they run one after another.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['apps/web/e2e/build.global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
