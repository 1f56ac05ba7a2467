import type { Report, ReportAction, ReportStatus } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { formatDateTime } from '../../../lib/format/date.format';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';
import { useReports, useResolveReport } from '../hooks/use-reports.hook';
import { SelectField } from '../../../components/select-field.component';

/** The moderation queue: what was reported, by whom, and the three answers. */
export function ReportsQueue() {
  const { t, ta, describeError } = useAdminI18n();
  const [status, setStatus] = useState<ReportStatus>('open');
  const reports = useReports(status);
  const resolve = useResolveReport();

  return (
    <div className="flex flex-col gap-4">
      <SelectField
        className="max-w-xs"
        label={ta('admin.reports.show')}
        value={status}
        onChange={(e) => setStatus(e.target.value as ReportStatus)}
        options={(['open', 'resolved', 'dismissed'] as const).map((value) => ({ value, label: ta(`admin.reports.status.${value}`) }))}
      />
      {resolve.error ? <Alert tone="error">{describeError(resolve.error)}</Alert> : null}
      {reports.isError && <Alert tone="error">{describeError(reports.error)}</Alert>}
      {reports.isPending && <p role="status" className="text-fg-subtle">{t('app.loading')}</p>}
      {!reports.isPending && reports.reports.length === 0 && (
        <p className="rounded-lg border border-dashed border-surface-500 px-4 py-6 text-center text-sm text-fg-subtle">{ta('admin.reports.none')}</p>
      )}
      <ul className="flex flex-col gap-3">
        {reports.reports.map((report) => (
          <ReportCard
            key={report.id}
            report={report}
            busy={resolve.isPending && resolve.variables?.id === report.id}
            onResolve={(action) => resolve.mutate({ id: report.id, body: { action } })}
          />
        ))}
      </ul>
      {reports.hasNextPage && (
        <Button variant="secondary" className="self-center" pending={reports.isFetchingNextPage} onClick={() => void reports.fetchNextPage()}>
          {ta('admin.more')}
        </Button>
      )}
    </div>
  );
}

function ReportCard({ report, busy, onResolve }: { report: Report; busy: boolean; onResolve(action: ReportAction): void }) {
  const { ta, locale } = useAdminI18n();
  const edited = report.message.content !== report.reported_content;
  return (
    <li className="rounded-lg bg-surface-800 p-4" data-testid="report-card">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span>
          <span className="font-semibold text-fg">{report.author.handle}</span>
          <span className="text-fg-subtle"> · {ta('admin.reports.reportedBy', { handle: report.reporter.handle })}</span>
        </span>
        <time className="text-xs text-fg-subtle" dateTime={report.created_at}>
          {formatDateTime(report.created_at, locale)}
        </time>
      </div>
      <blockquote className="mt-2 rounded border-l-4 border-surface-500 bg-surface-900 px-3 py-2 break-words whitespace-pre-wrap text-fg">{report.reported_content}</blockquote>
      {report.message.deleted_at ? (
        <p className="mt-1 text-xs text-fg-subtle">{ta('admin.reports.deleted')}</p>
      ) : (
        edited && <p className="mt-1 text-xs text-fg-subtle">{ta('admin.reports.editedSince', { content: report.message.content })}</p>
      )}
      <p className="mt-2 text-sm">
        <span className="text-fg-subtle">{ta('admin.reports.reason')}: </span>
        {report.reason}
      </p>
      {report.status === 'open' ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button variant="danger" disabled={busy} onClick={() => onResolve('delete_message')}>
            {ta('admin.reports.delete')}
          </Button>
          <Button variant="danger-outline" disabled={busy || report.author.status === 'banned'} onClick={() => onResolve('ban_author')}>
            {ta('admin.reports.banAuthor')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => onResolve('dismiss')}>
            {ta('admin.reports.dismiss')}
          </Button>
        </div>
      ) : (
        <p className="mt-3 text-xs text-fg-subtle">
          {ta('admin.reports.closedBy', { action: ta(`admin.reports.action.${report.resolution ?? 'dismiss'}`), handle: report.resolved_by?.handle ?? '—' })}
        </p>
      )}
    </li>
  );
}
