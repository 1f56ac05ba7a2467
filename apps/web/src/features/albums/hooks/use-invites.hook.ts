import type { AlbumInvite } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchRouteBlob } from '../../../lib/api/download';
import { albumKeys, createInvite, createWallLink, fetchInvites, fetchWallLink, revokeInvite, revokeWallLink } from '../api/albums.api';

export function useInvites(albumId: string) {
  const queryClient = useQueryClient();
  const key = albumKeys.invites(albumId);
  const invites = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchInvites(albumId, signal) });
  const create = useMutation({
    mutationFn: (expiresAt: string | null) => createInvite(albumId, expiresAt),
    onSuccess: (invite) => queryClient.setQueryData<AlbumInvite[]>(key, (list) => [invite, ...(list ?? [])]),
  });
  const revoke = useMutation({
    mutationFn: (inviteId: string) => revokeInvite(albumId, inviteId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  return { invites, create, revoke };
}

export function useWallLink(albumId: string) {
  const queryClient = useQueryClient();
  const key = albumKeys.wallLink(albumId);
  const link = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchWallLink(albumId, signal) });
  const create = useMutation({ mutationFn: () => createWallLink(albumId), onSuccess: (created) => queryClient.setQueryData(key, created) });
  const revoke = useMutation({ mutationFn: () => revokeWallLink(albumId), onSuccess: () => queryClient.setQueryData(key, null) });
  return { link, create, revoke };
}

/** An invite's QR code (SVG or PNG) as an object URL for `<img>`; revoked when it goes. */
export function useInviteQrUrl(albumId: string, inviteId: string | null, format: 'svg' | 'png'): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!inviteId) return;
    const controller = new AbortController();
    let created: string | null = null;
    const route = format === 'svg' ? 'albumInviteQrSvg' : 'albumInviteQrPng';
    fetchRouteBlob(route, { params: { id: albumId, inviteId }, signal: controller.signal }).then(
      (blob) => {
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      () => setUrl(null),
    );
    return () => {
      controller.abort();
      if (created) URL.revokeObjectURL(created);
    };
  }, [albumId, inviteId, format]);
  return url;
}
