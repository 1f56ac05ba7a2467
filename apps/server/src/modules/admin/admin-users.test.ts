import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAdminUsers } from './admin-users.suite';

describeAdminUsers('embedded: PGlite + memory', startEmbeddedChat);
