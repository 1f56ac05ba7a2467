import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAdminStats } from './admin-stats.suite';

describeAdminStats('embedded: PGlite + memory', startEmbeddedChat);
