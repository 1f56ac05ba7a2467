import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/app-root.component';
import { createAppRouter } from './app/app.router';
import { hadSession } from './lib/auth/auth-session.store';
import { restoreSession } from './lib/auth/token-refresh';
import { loadDictionary } from './lib/i18n/translator';
import { detectLocale } from './lib/i18n/locale';
import { registerAppShellWorker } from './lib/offline/app-shell-worker';
import { createQueryClient } from './lib/query/query-client';
import './index.css';

// Started before the first render: the guards show a splash until it settles.
void restoreSession();
const queryClient = createQueryClient();
// Probably signed in again: fetch the signed-in UI and its first data alongside the restore.
if (hadSession()) void import('./app/warm-up').then((m) => m.warmUp(queryClient)).catch(() => undefined);
// The offline app shell, once someone is signed in.
registerAppShellWorker();

const container = document.getElementById('root');
if (!container) throw new Error('index.html lost its #root element');

const render = (): void =>
  createRoot(container).render(
    <StrictMode>
      <AppRoot queryClient={queryClient} router={createAppRouter()} />
    </StrictMode>,
  );
// A language other than English renders once its dictionary is here (English, if it cannot be fetched).
void loadDictionary(detectLocale()).then(render, render);
