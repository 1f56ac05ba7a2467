import { startClusterChat } from '../../../test/chat-fixtures';
import { describePeople } from './people.suite';

describePeople('cluster: PostgreSQL + Redis', startClusterChat);
