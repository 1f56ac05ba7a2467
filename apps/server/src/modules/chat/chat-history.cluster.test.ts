import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatHistory } from './chat-history.suite';

describeChatHistory('cluster: PostgreSQL + Redis', startClusterChat);
