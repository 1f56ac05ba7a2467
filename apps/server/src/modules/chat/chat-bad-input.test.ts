import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatBadInput } from './chat-bad-input.suite';

describeChatBadInput('embedded: PGlite + memory', startEmbeddedChat);
