import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describePeople } from './people.suite';

describePeople('embedded: PGlite + memory', startEmbeddedChat);
