import { inject } from 'vitest';
import { startClusterChat } from '../../../test/chat-fixtures';
import { describeChatAttachmentMessages } from './chat-attachment-messages.suite';

// PostgreSQL + Redis (BullMQ) + the run's S3 server: the objects live in S3 only.
describeChatAttachmentMessages('cluster: PostgreSQL + Redis + S3', (env = {}) => startClusterChat({ ...inject('s3Env'), ...env }), 's3');
