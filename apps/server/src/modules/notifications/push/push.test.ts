import { startEmbeddedChat } from '../../../../test/chat-fixtures';
import { describePush } from './push.suite';

// Embedded: the VAPID pair is made by the server itself (in memory for a memory:// data folder).
describePush('embedded: PGlite + memory', startEmbeddedChat);
