import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { fetchPushConfig, notificationKeys } from '../api/notifications.api';
import { currentPushSubscription, disablePush, enablePush, notificationPermission, pushSupported } from '../api/push';

export type PushStatus = 'checking' | 'unsupported' | 'server-off' | 'denied' | 'off' | 'on';

/**
 * Web Push for this browser: off until the person turns it on (the browser asks for
 * permission only then, from that click), and turned off again here.
 */
export function usePushSetting() {
  const config = useQuery({ queryKey: notificationKeys.push, queryFn: ({ signal }) => fetchPushConfig(signal), staleTime: Infinity });
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [permission, setPermission] = useState(notificationPermission);

  const refresh = useCallback(() => {
    setPermission(notificationPermission());
    currentPushSubscription().then(
      (s) => setSubscribed(s !== null),
      () => setSubscribed(false),
    );
  }, []);
  useEffect(refresh, [refresh]);

  const enable = useMutation({
    mutationFn: () => enablePush(config.data?.public_key ?? ''),
    onSettled: refresh,
  });
  const disable = useMutation({ mutationFn: disablePush, onSettled: refresh });

  let status: PushStatus;
  if (!pushSupported()) status = 'unsupported';
  else if (config.data && !config.data.enabled) status = 'server-off';
  else if (permission === 'denied') status = 'denied';
  else if (subscribed === null || !config.data) status = 'checking';
  else status = subscribed && permission === 'granted' ? 'on' : 'off';

  return { status, enable, disable, busy: enable.isPending || disable.isPending, failed: enable.isError || disable.isError };
}
