import { startTestServer } from '../../../test/harness';
import { describeAuthBadInput } from './auth-bad-input.suite';

describeAuthBadInput('embedded: PGlite + memory', () => startTestServer());
