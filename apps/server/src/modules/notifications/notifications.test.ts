import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeNotifications } from './notifications.suite';

describeNotifications('embedded: PGlite + memory', startEmbeddedChat);
