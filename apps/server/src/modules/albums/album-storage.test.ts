import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAlbumStorage } from './album-storage.suite';

describeAlbumStorage('embedded: PGlite + disk', startEmbeddedChat);
