import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAlbumRaces } from './albums-races.suite';

describeAlbumRaces('embedded: PGlite + memory', startEmbeddedChat);
