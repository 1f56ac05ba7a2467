import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatLimits } from './chat-limits.suite';

describeChatLimits('cluster: PostgreSQL + Redis', startClusterChat);
