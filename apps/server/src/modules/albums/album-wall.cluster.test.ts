import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAlbumWall } from './album-wall.suite';

describeAlbumWall('cluster: PostgreSQL + Redis', startClusterChat);
