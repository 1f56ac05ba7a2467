import 'reflect-metadata';
import { start } from './start';

start(process).catch((error: unknown) => {
  process.stderr.write(`DiscordGym failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
