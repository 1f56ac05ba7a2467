import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatMessages } from './chat-messages.suite';

describeChatMessages('cluster: PostgreSQL + Redis', startClusterChat);
