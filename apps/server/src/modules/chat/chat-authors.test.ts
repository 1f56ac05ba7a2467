import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatAuthors } from './chat-authors.suite';

describeChatAuthors('embedded: PGlite + memory', startEmbeddedChat);
