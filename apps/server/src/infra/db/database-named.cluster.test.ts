import { inject } from 'vitest';
import { Database } from './database';
import { namedStatementSuite } from './database-named.suite';

namedStatementSuite('PostgreSQL', async () => Database.open({ url: inject('databaseUrl'), dataDir: '', poolMax: 1 }));
