import type { ErrorIssue } from '@discordgym/contracts';
import type { ZodError } from 'zod';

/** Issues without echoing the input back: a 1 MB string must not come back in the error. */
export function zodIssues(error: ZodError): ErrorIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message.slice(0, 200),
  }));
}
