import type { AdminStats } from '@discordgym/contracts';
import { useMemo } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { formatDateTime } from '../../../lib/format/date.format';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';
import { useAdminStats } from '../hooks/use-admin-stats.hook';
import { ChartCanvas } from '../../../components/chart-canvas.component';

const BRAND = '#5865f2';
const SUCCESS = '#23a55a';

/** The numbers an operator looks at first, and the last 30 days of messages as a chart. */
export function StatsOverview() {
  const { t, describeError } = useAdminI18n();
  const stats = useAdminStats();
  if (stats.isPending) return <p role="status" className="text-fg-subtle">{t('app.loading')}</p>;
  if (stats.isError) {
    return (
      <div className="flex flex-col items-start gap-3">
        <Alert tone="error">{describeError(stats.error)}</Alert>
        <Button variant="secondary" onClick={() => void stats.refetch()}>
          {t('error.retry')}
        </Button>
      </div>
    );
  }
  return <StatsBody stats={stats.data} />;
}

function StatsBody({ stats }: { stats: AdminStats }) {
  const { ta, locale } = useAdminI18n();
  const cards: Array<[string, number, string]> = [
    [ta('admin.stats.users'), stats.users.total, ta('admin.stats.banned', { count: stats.users.banned })],
    [ta('admin.stats.active24h'), stats.users.active_24h, ta('admin.stats.active7d', { count: stats.users.active_7d })],
    [ta('admin.stats.active30d'), stats.users.active_30d, ''],
    [ta('admin.stats.online'), stats.online.sockets, ta('admin.stats.instances', { count: stats.online.instances.length })],
    [ta('admin.stats.rooms'), stats.rooms.total, ta('admin.stats.roomsSplit', { groups: stats.rooms.groups, dms: stats.rooms.dms })],
    [ta('admin.stats.queueDepth'), stats.queues.depth, ta('admin.stats.failed', { count: stats.queues.failed })],
  ];
  const bytes = (n: number) => formatBytes(n, locale);
  const messages = useMemo(
    () => ({
      labels: stats.messages_per_day.map((d) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.day}T00:00:00Z`))),
      datasets: [{ label: ta('admin.stats.messages'), data: stats.messages_per_day.map((d) => d.count), borderColor: BRAND, backgroundColor: 'rgba(88,101,242,0.25)', fill: true, tension: 0, pointRadius: 2 }],
    }),
    [stats.messages_per_day, locale, ta],
  );
  const online = useMemo(
    () => ({
      labels: stats.online.instances.map((i) => i.instance),
      datasets: [{ label: ta('admin.stats.sockets'), data: stats.online.instances.map((i) => i.sockets), backgroundColor: SUCCESS }],
    }),
    [stats.online.instances, ta],
  );

  return (
    <div className="flex flex-col gap-6">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        <div className="rounded-lg bg-surface-800 p-4">
          <dt className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{ta('admin.stats.storage')}</dt>
          <dd className="mt-1 text-3xl font-semibold text-fg tabular-nums">{bytes(stats.storage.total_bytes)}</dd>
          <dd className="text-xs text-fg-subtle">{ta('admin.stats.storageNote', { photos: stats.storage.photos, albums: stats.storage.albums_with_photos })}</dd>
        </div>
        <div className="rounded-lg bg-surface-800 p-4">
          <dt className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{ta('admin.stats.chatFiles')}</dt>
          <dd className="mt-1 text-3xl font-semibold text-fg tabular-nums">{bytes(stats.chat_attachments.total_bytes)}</dd>
          <dd className="text-xs text-fg-subtle">
            {ta('admin.stats.chatFilesNote', {
              files: stats.chat_attachments.files,
              user: bytes(stats.chat_attachments.quota_user_bytes),
              room: bytes(stats.chat_attachments.quota_room_bytes),
            })}
          </dd>
        </div>
        {cards.map(([label, value, note]) => (
          <div key={label} className="rounded-lg bg-surface-800 p-4">
            <dt className="text-xs font-bold tracking-wide text-fg-subtle uppercase">{label}</dt>
            <dd className="mt-1 text-3xl font-semibold text-fg tabular-nums">{value}</dd>
            {note && <dd className="text-xs text-fg-subtle">{note}</dd>}
          </div>
        ))}
      </dl>
      <section className="rounded-lg bg-surface-800 p-4">
        <h2 className="mb-3 text-sm font-semibold text-fg">{ta('admin.stats.messagesTitle')}</h2>
        <ChartCanvas
          label={ta('admin.stats.messagesTitle')}
          config={{ type: 'line', data: messages, options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } }}
        />
      </section>
      <section className="grid gap-4 lg:grid-cols-2">
        <div className="rounded-lg bg-surface-800 p-4">
          <h2 className="mb-3 text-sm font-semibold text-fg">{ta('admin.stats.onlineTitle')}</h2>
          <ChartCanvas
            className="h-48"
            label={ta('admin.stats.onlineTitle')}
            config={{ type: 'bar', data: online, options: { maintainAspectRatio: false, animation: false, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } } }}
          />
        </div>
        <div className="rounded-lg bg-surface-800 p-4">
          <h2 className="mb-3 text-sm font-semibold text-fg">{ta('admin.stats.queuesTitle')}</h2>
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-fg-subtle uppercase">
              <tr>
                <th className="py-1">{ta('admin.stats.queue')}</th>
                <th className="py-1 pl-3 text-right">{ta('admin.stats.waiting')}</th>
                <th className="py-1 pl-3 text-right">{ta('admin.stats.active')}</th>
                <th className="py-1 pl-3 text-right">{ta('admin.stats.delayed')}</th>
                <th className="py-1 pl-3 text-right">{ta('admin.stats.failedShort')}</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {Object.entries(stats.queues.by_queue).map(([name, q]) => (
                <tr key={name} className="border-t border-surface-600/60">
                  <td className="py-1 font-mono text-xs">{name}</td>
                  <td className="py-1 pl-3 text-right">{q.waiting}</td>
                  <td className="py-1 pl-3 text-right">{q.active}</td>
                  <td className="py-1 pl-3 text-right">{q.delayed}</td>
                  <td className="py-1 pl-3 text-right">{q.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {stats.storage.top_albums.length > 0 && (
        <section className="rounded-lg bg-surface-800 p-4">
          <h2 className="mb-3 text-sm font-semibold text-fg">{ta('admin.stats.storageTitle')}</h2>
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-fg-subtle uppercase">
              <tr>
                <th className="py-1">{ta('admin.stats.album')}</th>
                <th className="py-1 text-right">{ta('admin.stats.photos')}</th>
                <th className="py-1 text-right">{ta('admin.stats.size')}</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {stats.storage.top_albums.map((album) => (
                <tr key={album.album_id} className="border-t border-surface-600/60">
                  <td className="py-1">{album.title}</td>
                  <td className="py-1 text-right">{album.photos}</td>
                  <td className="py-1 text-right">{bytes(album.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {(stats.chat_attachments.top_users.length > 0 || stats.chat_attachments.top_rooms.length > 0) && (
        <section className="rounded-lg bg-surface-800 p-4" aria-labelledby="admin-chat-files">
          <h2 id="admin-chat-files" className="mb-3 text-sm font-semibold text-fg">
            {ta('admin.stats.chatFilesTitle')}
          </h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-fg-subtle uppercase">
                <tr>
                  <th className="py-1">{ta('admin.stats.chatUser')}</th>
                  <th className="py-1 text-right">{ta('admin.stats.photos')}</th>
                  <th className="py-1 text-right">{ta('admin.stats.size')}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {stats.chat_attachments.top_users.map((user) => (
                  <tr key={user.user_id} className="border-t border-surface-600/60">
                    <td className="py-1">{user.username}</td>
                    <td className="py-1 text-right">{user.files}</td>
                    <td className="py-1 text-right">{bytes(user.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-fg-subtle uppercase">
                <tr>
                  <th className="py-1">{ta('admin.stats.chatRoom')}</th>
                  <th className="py-1 text-right">{ta('admin.stats.photos')}</th>
                  <th className="py-1 text-right">{ta('admin.stats.size')}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {stats.chat_attachments.top_rooms.map((room) => (
                  <tr key={room.chatroom_id} className="border-t border-surface-600/60">
                    <td className="py-1">{room.name ?? (room.is_group ? ta('admin.stats.chatGroupUnnamed') : ta('admin.stats.chatDm'))}</td>
                    <td className="py-1 text-right">{room.files}</td>
                    <td className="py-1 text-right">{bytes(room.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <p className="text-xs text-fg-subtle">{ta('admin.stats.generated', { at: formatDateTime(stats.generated_at, locale) })}</p>
    </div>
  );
}

/** 1.5 GB, 230 MB: binary multiples with the locale's digits, as file managers show them. */
function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
