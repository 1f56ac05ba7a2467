import { startTestServer } from '../../../test/harness';
import { describeAuthFlow } from './auth-flow.suite';

describeAuthFlow('embedded: PGlite + memory', () => startTestServer({ REFRESH_REUSE_GRACE_SECONDS: '1' }));
