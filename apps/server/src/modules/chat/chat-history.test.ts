import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatHistory } from './chat-history.suite';

describeChatHistory('embedded: PGlite + memory', startEmbeddedChat);
