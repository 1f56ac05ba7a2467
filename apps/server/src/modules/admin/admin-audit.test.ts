import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAdminAudit } from './admin-audit.suite';

describeAdminAudit('embedded: PGlite + memory', startEmbeddedChat);
