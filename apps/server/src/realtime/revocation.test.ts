import { startTestServer } from '../../test/harness';
import { describeRevocation } from './revocation.suite';

describeRevocation('embedded: one process', async (env) => {
  const server = await startTestServer(env);
  return [server, server];
});
