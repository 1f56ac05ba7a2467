import { startTestServer } from '../../../test/harness';
import { describeUsernameLogin } from './auth-username-login.suite';

describeUsernameLogin('embedded: PGlite + memory', () => startTestServer());
