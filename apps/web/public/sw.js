/*
 * DiscordGym's service worker: keeps the app shell for offline start, shows Web Push
 * messages while the app is closed and opens the message on click. Plain JavaScript served
 * as /sw.js (a service worker controls the pages below its own path, so it lives at the
 * root; script-src 'self' allows it).
 * The server sends { notification, url, unread_count } (contracts: PushPayload), already
 * decrypted here by the browser; the words are chosen in the browser's language.
 */
'use strict';

/*
 * The build (vite.config.ts, appShellPrecache) replaces the marked value with this build's
 * index.html and every JS/CSS chunk, and a version derived from them. A new build therefore
 * is a new worker: it installs, precaches, and removes the caches of older builds. Served by
 * the Vite dev server the list stays empty: nothing is precached and every request goes to
 * the network, so development never sees stale code.
 */
const PRECACHE = /*__DISCORDGYM_PRECACHE__*/ { version: 'dev', urls: [] };
const SHELL_CACHE_PREFIX = 'discordgym-shell-';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${PRECACHE.version}`;
const INDEX_URL = '/index.html';

const TEXT = {
  en: {
    someone: 'Someone',
    deleted: 'This message was deleted.',
    oneAttachment: '📎 An attachment',
    attachments: '📎 {count} attachments',
    mention: '{name} mentioned you',
    mentionIn: '{name} mentioned you in {room}',
    reply: '{name} replied to you',
    replyIn: '{name} replied to you in {room}',
    dm: '{name} sent you a message',
    message: '{name} wrote in {room}',
    friend_request: '{name} sent you a friend request',
    friend_accepted: '{name} accepted your friend request',
    fallback: 'You have a new notification',
  },
  de: {
    someone: 'Jemand',
    deleted: 'Diese Nachricht wurde gelöscht.',
    oneAttachment: '📎 Ein Anhang',
    attachments: '📎 {count} Anhänge',
    mention: '{name} hat dich erwähnt',
    mentionIn: '{name} hat dich in {room} erwähnt',
    reply: '{name} hat dir geantwortet',
    replyIn: '{name} hat dir in {room} geantwortet',
    dm: '{name} hat dir geschrieben',
    message: '{name} hat in {room} geschrieben',
    friend_request: '{name} möchte mit dir befreundet sein',
    friend_accepted: '{name} hat deine Freundschaftsanfrage angenommen',
    fallback: 'Du hast eine neue Benachrichtigung',
  },
};

const OPENED_PARAM = 'notification';

const words = () => (String(self.navigator.language || 'en').toLowerCase().startsWith('de') ? TEXT.de : TEXT.en);
const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (whole, key) => (key in vars ? vars[key] : whole));

function describe(notification) {
  const w = words();
  const actor = notification.actor;
  const name = actor ? actor.display_name || actor.username : w.someone;
  const room = notification.chatroom_name;
  const kind = notification.kind;
  const template = room && w[`${kind}In`] ? w[`${kind}In`] : w[kind] || w.fallback;
  const title = fill(template, { name, room: room || '' });
  // `@name#1234` reads as `@name`, as the chat shows mentions.
  const count = notification.attachment_count || 0;
  const files = count === 1 ? w.oneAttachment : fill(w.attachments, { count: String(count) });
  const text = notification.excerpt === null || notification.excerpt === undefined ? w.deleted : notification.excerpt || (count ? files : '');
  const body = notification.message_id ? text.replace(/@([A-Za-z0-9_.]{2,32})#\d{4}/g, '@$1') : '';
  return { title, body };
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(removeOldShells().then(() => self.clients.claim()));
});

async function precache() {
  if (PRECACHE.urls.length === 0) return;
  const cache = await caches.open(SHELL_CACHE);
  // `reload`: the HTTP cache may hold an index.html of an older build; the shell must be this build's.
  await cache.addAll(PRECACHE.urls.map((url) => new Request(url, { cache: 'reload' })));
}

async function removeOldShells() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE).map((name) => caches.delete(name)));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API and the socket are live data with their own offline handling (the outboxes):
  // never answered from a cache. Other origins (the photo storage) are not ours to cache.
  if (url.origin !== self.location.origin || /^\/(api|socket\.io)(\/|$)/.test(url.pathname)) return;
  if (PRECACHE.urls.length === 0) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (PRECACHED_PATHS.has(url.pathname)) event.respondWith(networkFirst(request));
});

/** The unhashed files of the shell (icons, the web app manifest): fresh online, cached offline. */
const PRECACHED_PATHS = new Set(PRECACHE.urls);

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: SHELL_CACHE, ignoreVary: true, ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

/** Network first, so an online visit always gets the newest build; offline, this build's shell. */
async function navigation(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match(INDEX_URL, { cacheName: SHELL_CACHE, ignoreVary: true });
    if (shell) return shell;
    throw error;
  }
}

/** Hashed file names never change their content: a cached copy is always right. */
async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  // A chunk this build did not list (should not happen) is kept for the next offline start.
  if (response.ok) {
    const copy = response.clone();
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.put(request, copy))
      .catch(() => undefined);
  }
  return response;
}

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(event));
});

async function showPush(event) {
  let payload;
  try {
    payload = event.data ? event.data.json() : null;
  } catch {
    payload = null;
  }
  // A push must always show something (userVisibleOnly); an unreadable one says so plainly.
  if (!payload || !payload.notification) {
    await self.registration.showNotification('DiscordGym', { body: words().fallback, icon: '/favicon.svg' });
    return;
  }
  const { notification, url, unread_count: unread } = payload;
  const { title, body } = describe(notification);
  await self.registration.showNotification(title, {
    body,
    // The same notification twice (a retried push) replaces itself instead of stacking.
    tag: notification.id,
    icon: '/favicon.svg',
    timestamp: Date.parse(notification.created_at) || Date.now(),
    data: { url: withOpened(typeof url === 'string' ? url : '/', notification.id) },
  });
  if (self.navigator.setAppBadge && typeof unread === 'number') await self.navigator.setAppBadge(unread).catch(() => undefined);
}

function withOpened(url, id) {
  return `${url}${url.includes('?') ? '&' : '?'}${OPENED_PARAM}=${encodeURIComponent(id)}`;
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(openInApp(url));
});

/** Focuses an open DiscordGym tab and lets it route there (no reload), or opens one. Only our own pages. */
async function openInApp(url) {
  const target = new URL(url, self.location.origin);
  if (target.origin !== self.location.origin) return;
  const path = `${target.pathname}${target.search}`;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (tab) {
    // focus() is allowed only from a click; the tab still routes if the browser refuses it.
    await tab.focus().catch(() => undefined);
    tab.postMessage({ type: 'open-notification', url: path });
    return;
  }
  await self.clients.openWindow(path);
}
