import { startClusterChat } from '../../../test/chat-fixtures';
import { describeFriendsBlocks } from './friends-blocks.suite';

describeFriendsBlocks('cluster: PostgreSQL + Redis', startClusterChat);
