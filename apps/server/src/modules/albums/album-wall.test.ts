import { startEmbeddedChat } from '../../../test/chat-fixtures';
import { describeAlbumWall } from './album-wall.suite';

describeAlbumWall('embedded: PGlite + memory', startEmbeddedChat);
