import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatLimits } from './chat-limits.suite';

describeChatLimits('embedded: PGlite + memory', startEmbeddedChat);
