import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeFriendsFlow } from './friends-flow.suite';

describeFriendsFlow('embedded: PGlite + memory', startEmbeddedChat);
