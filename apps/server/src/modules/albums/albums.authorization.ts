import { type AuthorizationCases, outcomes } from '../../../test/album-fixtures';

/*
 * The authorization matrix rows of albums, members, invites, guests and the wall link
 * (albums-authorization.test.ts runs them). Columns: guestA, guestB, member, cohost, host,
 * stranger, wall. A guest or wall on a route not open to them: 403; on another album: 404;
 * a user who is not in the album: 404 (albums are not revealed).
 */

const hostsOnly = (ok: number) => outcomes(403, 403, 403, ok, ok, 404, 403);

export const authorizationCases: AuthorizationCases = {
  createAlbum: { expect: outcomes(403, 403, 201, 201, 201, 201, 403), request: () => ({ path: '/api/albums', body: { title: 'Another party' } }) },
  listAlbums: { expect: outcomes(403, 403, 200, 200, 200, 200, 403), request: () => ({ path: '/api/albums' }) },
  getAlbum: { expect: outcomes(200, 404, 200, 200, 200, 404, 200), request: (w) => ({ path: `/api/albums/${w.albumA.id}` }) },
  updateAlbum: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}`, body: { title: 'Renamed', settings: { approval_required: true } } }) },
  deleteAlbum: { expect: outcomes(403, 403, 403, 403, 204, 404, 403), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}` }) },
  listAlbumMembers: { expect: outcomes(403, 403, 200, 200, 200, 404, 403), request: (w) => ({ path: `/api/albums/${w.albumA.id}/members` }) },
  addAlbumMember: {
    expect: hostsOnly(201),
    fresh: true,
    request: (w) => ({ path: `/api/albums/${w.albumA.id}/members`, body: { user_id: w.users.newcomer.id, role: 'member' } }),
  },
  removeAlbumMember: { expect: hostsOnly(204), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}/members/${w.users.otherMember.id}` }) },
  createAlbumInvite: { expect: hostsOnly(201), request: (w) => ({ path: `/api/albums/${w.albumA.id}/invites`, body: {} }) },
  listAlbumInvites: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/invites` }) },
  revokeAlbumInvite: { expect: hostsOnly(204), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}/invites/${w.inviteA.id}` }) },
  albumInviteQrSvg: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/invites/${w.inviteA.id}/qr.svg` }) },
  albumInviteQrPng: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/invites/${w.inviteA.id}/qr.png` }) },
  listAlbumGuests: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/guests` }) },
  removeAlbumGuest: { expect: hostsOnly(204), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}/guests/${w.guestA.id}` }) },
  getAlbumWallLink: { expect: hostsOnly(200), request: (w) => ({ path: `/api/albums/${w.albumA.id}/wall-link` }) },
  createAlbumWallLink: { expect: hostsOnly(201), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}/wall-link` }) },
  revokeAlbumWallLink: { expect: hostsOnly(204), fresh: true, request: (w) => ({ path: `/api/albums/${w.albumA.id}/wall-link` }) },
  // Public: anyone holding a live token (an account or a guest cookie changes nothing).
  previewGuestInvite: { expect: outcomes(200, 200, 200, 200, 200, 200, 200), request: (w) => ({ path: '/api/guest/invite', body: { token: w.inviteA.token } }) },
  guestJoin: {
    expect: outcomes(201, 201, 201, 201, 201, 201, 201),
    request: (w) => ({ path: '/api/guest/join', body: { token: w.inviteA.token, display_name: 'Someone' } }),
  },
  // Guest-only: the caller's own session, whichever album it belongs to.
  guestMe: { expect: outcomes(200, 200, 403, 403, 403, 403, 403), request: () => ({ path: '/api/guest/me' }) },
  guestLeave: { expect: outcomes(204, 204, 403, 403, 403, 403, 403), fresh: true, request: () => ({ path: '/api/guest/leave' }) },
};
