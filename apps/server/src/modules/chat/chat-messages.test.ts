import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatMessages } from './chat-messages.suite';

describeChatMessages('embedded: PGlite + memory', startEmbeddedChat);
