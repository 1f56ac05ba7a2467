import { inject } from 'vitest';
import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatAttachmentUploads } from './chat-attachment-uploads.suite';

// PostgreSQL + Redis (BullMQ) + the run's S3 server (s3rver, SigV4 checked): bytes go to S3 only.
describeChatAttachmentUploads('cluster: PostgreSQL + Redis + S3', (env = {}) => startClusterChat({ ...inject('s3Env'), ...env }));
