import { Database } from './database';
import { namedStatementSuite } from './database-named.suite';

namedStatementSuite('PGlite', async () => Database.open({ dataDir: 'memory://', poolMax: 1 }));
