import { type SelfUser, UpdateProfileBody } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { authKeys } from '../../auth/api/auth.api';
import { fetchAvatars, profileKeys, saveProfile } from '../api/profile.api';

export const BIO_MAX = 190;
export const DISPLAY_NAME_MAX = 32;

export interface ProfileValues {
  display_name: string;
  bio: string;
  avatar: string | null;
}

const valuesOf = (user: SelfUser): ProfileValues => ({ display_name: user.display_name ?? '', bio: user.bio ?? '', avatar: user.avatar });

/** The profile form: starts from my current profile, saves everything in one request. */
export function useProfileForm(user: SelfUser) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ProfileValues>(() => valuesOf(user));
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState<'display_name' | 'bio' | null>(null);
  const avatars = useQuery({ queryKey: profileKeys.avatars, queryFn: ({ signal }) => fetchAvatars(signal), staleTime: Infinity });

  const save = useMutation({
    mutationFn: saveProfile,
    onSuccess: (next) => {
      queryClient.setQueryData(authKeys.me, next);
      setValues(valuesOf(next));
      setSaved(true);
      // Room lists carry everyone's public profile, mine included.
      void queryClient.invalidateQueries({ queryKey: ['chat', 'rooms'] });
    },
  });

  const set = <K extends keyof ProfileValues>(field: K, value: ProfileValues[K]): void => {
    setValues((v) => ({ ...v, [field]: value }));
    setSaved(false);
    setInvalid(null);
    save.reset();
  };

  const dirty =
    values.display_name !== (user.display_name ?? '') || values.bio !== (user.bio ?? '') || values.avatar !== user.avatar;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const body = {
      display_name: values.display_name.trim() || null,
      bio: values.bio.trim() || null,
      avatar: values.avatar,
    };
    const parsed = UpdateProfileBody.safeParse(body);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.path[0] === 'bio' ? 'bio' : 'display_name');
      return;
    }
    save.mutate(parsed.data);
  };

  return {
    values,
    set,
    submit,
    dirty,
    saved,
    invalid,
    reset: () => {
      setValues(valuesOf(user));
      setInvalid(null);
      save.reset();
    },
    pending: save.isPending,
    error: save.error,
    avatars,
  };
}
