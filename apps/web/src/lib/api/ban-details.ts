import { BanDetails } from '@discordgym/contracts';
import { setBanDetailsParser } from './api-error';

// Imported for this effect by every module that turns an answer into an ApiError (see api-error.ts).
setBanDetailsParser((details) => {
  const parsed = BanDetails.safeParse(details);
  return parsed.success ? { until: parsed.data.banned_until, reason: parsed.data.reason } : undefined;
});
