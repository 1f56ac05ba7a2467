import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAdminReports } from './admin-reports.suite';

describeAdminReports('embedded: PGlite + memory', startEmbeddedChat);
