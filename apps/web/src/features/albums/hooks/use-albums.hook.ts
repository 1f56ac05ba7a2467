import type { Album, AlbumPage, CreateAlbumBody, UpdateAlbumBody } from '@discordgym/contracts';
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlbumAccess } from '../api/album-access';
import { albumKeys, createAlbum, deleteAlbum, fetchAlbum, fetchAlbums, updateAlbum } from '../api/albums.api';

export function useAlbums() {
  const query = useInfiniteQuery({
    queryKey: albumKeys.list,
    queryFn: ({ pageParam, signal }) => fetchAlbums(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: AlbumPage) => last.next_cursor ?? undefined,
  });
  return { ...query, albums: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export const useAlbum = (access: AlbumAccess, id: string | undefined) =>
  useQuery<Album>({ queryKey: albumKeys.album(access, id ?? ''), queryFn: ({ signal }) => fetchAlbum(access, id!, signal), enabled: !!id });

export function useCreateAlbum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAlbumBody) => createAlbum(body),
    onSuccess: (album) => {
      queryClient.setQueryData<InfiniteData<AlbumPage>>(albumKeys.list, (data) =>
        data ? { ...data, pages: data.pages.map((page, i) => (i === 0 ? { ...page, items: [album, ...page.items] } : page)) } : data,
      );
      queryClient.setQueryData(albumKeys.album({ kind: 'member' }, album.id), album);
    },
  });
}

export function useUpdateAlbum(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAlbumBody) => updateAlbum(id, body),
    onSuccess: (album) => {
      queryClient.setQueryData(albumKeys.album({ kind: 'member' }, id), album);
      void queryClient.invalidateQueries({ queryKey: albumKeys.list });
    },
  });
}

export function useDeleteAlbum(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteAlbum(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: albumKeys.list }),
  });
}
