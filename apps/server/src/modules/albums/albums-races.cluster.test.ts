import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAlbumRaces } from './albums-races.suite';

describeAlbumRaces('cluster: PostgreSQL + Redis', startClusterChat);
