import { generateVAPIDKeys } from 'web-push';
import { startClusterChat } from '../../../../test/chat-fixtures';
import { describePush } from './push.suite';

// Cluster: the VAPID pair comes from the environment, as every instance of a deployment shares it.
const { publicKey, privateKey } = generateVAPIDKeys();
describePush('cluster: PostgreSQL + Redis', (env = {}) =>
  startClusterChat({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: 'mailto:ops@example.com', ...env }),
);
