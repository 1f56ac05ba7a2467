import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatAuthorization } from './chat-authorization.suite';

describeChatAuthorization('cluster: PostgreSQL + Redis', startClusterChat);
