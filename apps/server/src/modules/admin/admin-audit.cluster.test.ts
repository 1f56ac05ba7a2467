import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAdminAudit } from './admin-audit.suite';

describeAdminAudit('cluster: PostgreSQL + Redis', startClusterChat);
