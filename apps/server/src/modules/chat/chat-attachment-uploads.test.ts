import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeChatAttachmentUploads } from './chat-attachment-uploads.suite';

describeChatAttachmentUploads('embedded: PGlite + disk storage', startEmbeddedChat);
