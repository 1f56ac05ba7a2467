import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeFriendsBlocks } from './friends-blocks.suite';

describeFriendsBlocks('embedded: PGlite + memory', startEmbeddedChat);
