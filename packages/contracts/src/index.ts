export * from './common';
export * from './errors';
export * from './users';
export * from './auth';
export * from './routes';
