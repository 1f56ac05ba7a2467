import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAdminUsers } from './admin-users.suite';

describeAdminUsers('cluster: PostgreSQL + Redis', startClusterChat);
