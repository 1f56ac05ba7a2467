import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const api = 'http://localhost:3000';
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes `.br` and `.gz` beside every text asset of the build, so the server (fastify-static
 * with `preCompressed`) hands browsers compressed files without compressing per request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'discordgym:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = await readdir(outDir, { recursive: true });
      await Promise.all(
        files
          .filter((file) => /\.(js|css|html|svg|json|txt)$/.test(file))
          .map(async (file) => {
            const full = path.join(outDir, file);
            if ((await stat(full)).size < 1024) return;
            const content = await readFile(full);
            const [gz, br] = await Promise.all([
              gzipAsync(content, { level: 9 }),
              brotliAsync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            ]);
            await Promise.all([writeFile(`${full}.gz`, gz), writeFile(`${full}.br`, br)]);
          }),
      );
    },
  };
}

/** Where the service worker's precache list goes in public/sw.js; see the comment there. */
const PRECACHE_MARKER = /\/\*__DISCORDGYM_PRECACHE__\*\/ \{[^}]*\}/;

/**
 * Writes the app shell's precache list into the built sw.js: index.html, every JS and CSS
 * chunk (lazy ones too, so any page opens offline) and the public files the shell shows.
 * The version is a hash of all of them, so every build that changes anything is a new
 * service worker and the old build's cache is dropped when it activates.
 */
function appShellPrecache(): Plugin {
  let outDir = 'dist';
  let publicDir = 'public';
  return {
    name: 'discordgym:app-shell-precache',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      publicDir = config.publicDir;
    },
    async writeBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((file) => file === 'index.html' || /\.(js|css)$/.test(file));
      const publicFiles = (await readdir(publicDir, { recursive: true })).filter((file) => /\.(svg|png|webmanifest)$/.test(file));
      const urls = [...built, ...publicFiles].map((file) => `/${file.split(path.sep).join('/')}`).sort();
      const hash = createHash('sha256');
      for (const url of urls) hash.update(url);
      const index = bundle['index.html'];
      if (index?.type === 'asset') hash.update(index.source);
      const source = await readFile(path.join(publicDir, 'sw.js'), 'utf8');
      if (!PRECACHE_MARKER.test(source)) throw new Error('public/sw.js lost its __DISCORDGYM_PRECACHE__ marker');
      hash.update(source);
      const precache = JSON.stringify({ version: hash.digest('hex').slice(0, 16), urls });
      await writeFile(path.join(outDir, 'sw.js'), source.replace(PRECACHE_MARKER, () => precache));
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), appShellPrecache(), precompress()],
  server: {
    // Same origin in dev as in production, so the SameSite refresh cookie keeps working.
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Few, purposeful chunks instead of one per module: over HTTP/1.1 and a slow link every
        // extra file costs a round trip. The entry (framework, router, English, guards, the session
        // store) is what every visit needs; then the signed-out pages, the UI both sides share, and
        // the signed-in app (shell, chat with its socket client, profile, sessions). zod with the
        // contract schemas comes with the first request (lib/api/send-route.ts), not with the entry.
        codeSplitting: {
          // A group takes only what its test names, not everything those modules import.
          includeDependenciesRecursively: false,
          groups: [
            // React, React DOM and the few tiny modules every chunk shares with the entry. Named, so that a
            // lazily loaded chunk of the signed-in app (the markdown renderer, the emoji picker) does not make
            // the bundler split them out of the entry into extra files that the login page has to fetch too.
            // The same for the few modules of the entry that lazy chunks import too (the transport's loader, the error
            // classes, vite's preload helper): otherwise each becomes a file of a few hundred bytes on the login page.
            {
              name: 'framework',
              priority: 10,
              test: /node_modules\/(react|react-dom|scheduler)\/|src\/(components\/app-logo|lib\/i18n\/(use-i18n|i18n\.context)|lib\/api\/(api-error|send-route)|web-client)|vite\/preload-helper/,
            },
            // Not the form checks (hooks/auth-form.validation): they run zod, a chunk of their own fetched after the first paint.
            {
              name: 'signed-out',
              priority: 3,
              test: /src\/(pages\/(login|register)\.page|features\/auth\/(components\/(?!route-guards)|hooks\/(load-auth-validation|use-(login|register|focus|checked-submit))))/,
            },
            {
              name: 'shared-ui',
              priority: 2,
              // With the API client and React Query's hooks, which nearly every page uses: apart, they were five more files on the login page.
              test: /src\/(components\/(?!splash-screen|app-logo|connection-banner|chart-canvas)|lib\/(format|use-document-title|document-title|api\/api-client)|features\/auth\/(api|hooks\/use-(me|session-mutations)))|node_modules\/@tanstack\/(react-query\/build\/modern\/(useBaseQuery|useQuery|useMutation|errorBoundaryUtils|suspense|QueryErrorResetBoundary|IsRestoringProvider)|query-core\/build\/modern\/(queryObserver|mutationObserver))\.js/,
            },
            {
              name: 'app',
              priority: 1,
              test: /src\/(app\/(app-shell|warm-up)|components\/connection-banner|pages\/(home|chat|chat-room|profile|sessions|not-found)\.page|features\/(chat|notifications|profile|sessions)\/|lib\/(realtime|storage|use-))|node_modules\/(socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io\/component-emitter)\//,
            },
          ],
        },
      },
    },
  },
});
