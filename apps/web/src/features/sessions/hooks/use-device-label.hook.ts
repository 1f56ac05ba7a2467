import { describeUserAgent } from '../../../lib/format/user-agent.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';

/** "Chrome on Linux", or as much of it as the user agent gives away. */
export function useDeviceLabel(): (userAgent: string | null) => { label: string; kind: 'mobile' | 'desktop' } {
  const { t } = useI18n();
  return (userAgent) => {
    const { browser, os, kind } = describeUserAgent(userAgent);
    if (browser && os) return { label: t('sessions.browserOnOs', { browser, os }), kind };
    return { label: browser ?? os ?? t('sessions.unknownDevice'), kind };
  };
}
