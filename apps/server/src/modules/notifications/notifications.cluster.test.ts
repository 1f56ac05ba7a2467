import { startClusterChat } from '../../../test/chat-fixtures';
import { describeNotifications } from './notifications.suite';

describeNotifications('cluster: PostgreSQL + Redis', startClusterChat);
