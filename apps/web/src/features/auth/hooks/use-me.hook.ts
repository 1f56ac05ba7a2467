import { useQuery } from '@tanstack/react-query';
import { authKeys, fetchMe } from '../api/auth.api';

export const useMe = () => useQuery({ queryKey: authKeys.me, queryFn: ({ signal }) => fetchMe(signal) });
