export * from './common';
export * from './errors';
export * from './users';
export * from './auth';
export * from './chat';
export * from './events';
export * from './routes';
