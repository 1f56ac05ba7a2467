import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAdminBadInput } from './admin-bad-input.suite';

describeAdminBadInput('cluster: PostgreSQL + Redis', startClusterChat);
