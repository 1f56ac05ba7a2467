import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatAttachmentMessages } from './chat-attachment-messages.suite';

describeChatAttachmentMessages('embedded: PGlite + memory + disk storage', startEmbeddedChat, 'disk');
