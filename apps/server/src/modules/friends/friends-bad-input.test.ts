import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeFriendsBadInput } from './friends-bad-input.suite';

describeFriendsBadInput('embedded: PGlite + memory', startEmbeddedChat);
