import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatReads } from './chat-reads.suite';

describeChatReads('cluster: PostgreSQL + Redis', startClusterChat);
