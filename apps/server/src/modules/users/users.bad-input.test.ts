import { startTestServer } from '../../../test/harness';
import { describeUsersBadInput } from './users-bad-input.suite';

describeUsersBadInput('embedded: PGlite + memory', () => startTestServer());
