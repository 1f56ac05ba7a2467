import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAdminReports } from './admin-reports.suite';

describeAdminReports('cluster: PostgreSQL + Redis', startClusterChat);
