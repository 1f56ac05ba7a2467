import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatGroupSettings } from './chat-group-settings.suite';

describeChatGroupSettings('embedded: PGlite + memory', startEmbeddedChat);
