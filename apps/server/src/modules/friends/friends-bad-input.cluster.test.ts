import { startClusterChat } from '../../../test/chat-fixtures';
import { describeFriendsBadInput } from './friends-bad-input.suite';

describeFriendsBadInput('cluster: PostgreSQL + Redis', startClusterChat);
