import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatRooms } from './chat-rooms.suite';

describeChatRooms('cluster: PostgreSQL + Redis', startClusterChat);
