import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatRooms } from './chat-rooms.suite';

describeChatRooms('embedded: PGlite + memory', startEmbeddedChat);
