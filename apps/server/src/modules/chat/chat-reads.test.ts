import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatReads } from './chat-reads.suite';

describeChatReads('embedded: PGlite + memory', startEmbeddedChat);
