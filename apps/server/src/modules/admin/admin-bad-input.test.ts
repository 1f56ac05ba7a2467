import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAdminBadInput } from './admin-bad-input.suite';

describeAdminBadInput('embedded: PGlite + memory', startEmbeddedChat);
