import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatSearch } from './chat-search.suite';

describeChatSearch('cluster: PostgreSQL + Redis', startClusterChat);
