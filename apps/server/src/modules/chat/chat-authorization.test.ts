import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatAuthorization } from './chat-authorization.suite';

describeChatAuthorization('embedded: PGlite + memory', startEmbeddedChat);
