import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeSeed003Compat } from './seed003-compat.suite';

// Embedded: one server; both seed clients talk to it.
describeSeed003Compat('embedded: PGlite + memory', async () => {
  const server = await startEmbeddedChat();
  return [server, server];
});
