import { ApiError } from '../../../lib/api/api-error';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';

/**
 * Opening a DM (or adding someone to a group) refused with 403: the server will not say
 * whether it was a block or a setting, and neither does this text.
 */
export function useDmRefusal(error: unknown): string | null {
  const { t } = useI18n();
  return error instanceof ApiError && error.code === 'FORBIDDEN' ? t('friends.dmRefused') : null;
}
