import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addMember, albumKeys, fetchMembers, removeMember } from '../api/albums.api';

export function useAlbumMembers(albumId: string) {
  const queryClient = useQueryClient();
  const key = albumKeys.members(albumId);
  const members = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchMembers(albumId, signal) });
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({ mutationFn: ({ userId, role }: { userId: string; role: 'cohost' | 'member' }) => addMember(albumId, { user_id: userId, role }), onSuccess: invalidate });
  const remove = useMutation({ mutationFn: (userId: string) => removeMember(albumId, userId), onSuccess: invalidate });
  return { members, add, remove };
}
