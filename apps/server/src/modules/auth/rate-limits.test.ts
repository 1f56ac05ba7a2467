import { startTestServer } from '../../../test/harness';
import { describeRateLimits } from './rate-limits.suite';

describeRateLimits('embedded: memory store', (env) => startTestServer(env));
