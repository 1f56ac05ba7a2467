import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatSearch } from './chat-search.suite';

describeChatSearch('embedded: PGlite + memory', startEmbeddedChat);
