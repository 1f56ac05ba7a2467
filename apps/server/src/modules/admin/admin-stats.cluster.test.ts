import { startClusterChat } from '../../../test/chat-fixtures';
import { scratchCluster } from '../../../test/harness';
import { describeAdminStats } from './admin-stats.suite';

// Exact counts need a database of their own: the run's shared one holds other files' users.
describeAdminStats('cluster: PostgreSQL + Redis', async (env = {}) => {
  const scratch = await scratchCluster();
  const sut = await startClusterChat({ ...env, ...scratch.env });
  return {
    ...sut,
    close: async () => {
      await sut.close();
      await scratch.drop();
    },
  };
});
