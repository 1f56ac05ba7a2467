import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatBadInput } from './chat-bad-input.suite';

describeChatBadInput('cluster: PostgreSQL + Redis', startClusterChat);
