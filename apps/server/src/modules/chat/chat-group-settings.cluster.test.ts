import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatGroupSettings } from './chat-group-settings.suite';

describeChatGroupSettings('cluster: PostgreSQL + Redis', startClusterChat);
