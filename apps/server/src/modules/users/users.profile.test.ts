import { startTestServer } from '../../../test/harness';
import { describeUsersProfile } from './users-profile.suite';

describeUsersProfile('embedded: PGlite + memory', () => startTestServer());
