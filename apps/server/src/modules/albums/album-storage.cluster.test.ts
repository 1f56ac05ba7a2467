import { inject } from 'vitest';
import { startClusterChat } from '../../../test/chat-fixtures';
import { describeAlbumStorage } from './album-storage.suite';

// The storage backend is what this suite is about: S3 (the run's s3rver, SigV4 checked) here.
describeAlbumStorage('cluster: PostgreSQL + Redis + S3', (env = {}) => startClusterChat({ ...inject('s3Env'), ...env }));
