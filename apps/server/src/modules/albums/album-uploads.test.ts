import { startTestServer } from '../../../test/harness';
import { describeAlbumUploads } from './album-uploads.suite';

describeAlbumUploads('embedded: PGlite + disk storage', (env = {}) => startTestServer(env));
