import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatAuthors } from './chat-authors.suite';

describeChatAuthors('cluster: PostgreSQL + Redis', startClusterChat);
