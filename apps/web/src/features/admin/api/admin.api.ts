import type {
  AdminStats,
  AdminUser,
  AdminUserPage,
  AdminUserQuery,
  AuditPage,
  AuditQuery,
  BanBody,
  Report,
  ReportPage,
  ReportStatus,
  ResolveReportBody,
  UserRole,
} from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export type UserFilter = Pick<AdminUserQuery, 'q' | 'status' | 'role'>;
export type AuditFilter = Pick<AuditQuery, 'action' | 'actor' | 'target'>;

export const adminKeys = {
  all: ['admin'] as const,
  users: (filter: UserFilter) => ['admin', 'users', filter] as const,
  reports: (status: ReportStatus) => ['admin', 'reports', status] as const,
  audit: (filter: AuditFilter) => ['admin', 'audit', filter] as const,
  stats: ['admin', 'stats'] as const,
};

export const fetchAdminUsers = (filter: UserFilter, cursor: string | undefined, signal?: AbortSignal): Promise<AdminUserPage> =>
  api('adminListUsers', { query: { ...filter, ...(cursor ? { cursor } : {}) }, signal });

export const setUserRole = (id: string, role: UserRole): Promise<AdminUser> => api('adminSetRole', { params: { id }, body: { role } });

export const banUser = (id: string, body: BanBody): Promise<AdminUser> => api('adminBanUser', { params: { id }, body });

export const unbanUser = (id: string): Promise<AdminUser> => api('adminUnbanUser', { params: { id } });

export const fetchReports = (status: ReportStatus, cursor: string | undefined, signal?: AbortSignal): Promise<ReportPage> =>
  api('adminListReports', { query: { status, ...(cursor ? { cursor } : {}) }, signal });

export const resolveReport = (id: string, body: ResolveReportBody): Promise<Report> => api('adminResolveReport', { params: { id }, body });

export const fetchAuditLog = (filter: AuditFilter, before: string | undefined, signal?: AbortSignal): Promise<AuditPage> =>
  api('adminAuditLog', { query: { ...filter, ...(before ? { before } : {}) }, signal });

export const fetchAdminStats = (signal?: AbortSignal): Promise<AdminStats> => api('adminStats', { signal });

export const reportMessage = (messageId: string, reason: string) => api('reportMessage', { params: { id: messageId }, body: { reason } });
