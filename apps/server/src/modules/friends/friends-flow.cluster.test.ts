import { startClusterChat } from '../../../test/chat-fixtures';
import { describeFriendsFlow } from './friends-flow.suite';

describeFriendsFlow('cluster: PostgreSQL + Redis', startClusterChat);
