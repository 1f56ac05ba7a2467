import { useState } from 'react';
import { Button } from '../components/button.component';
import { Icon } from '../components/icon.component';
import { PageHeader } from '../components/page-header.component';
import { AlbumList } from '../features/albums/components/album-list.component';
import { CreateAlbumDialog } from '../features/albums/components/create-album-dialog.component';
import { useAlbumsI18n } from '../features/albums/hooks/use-albums-i18n.hook';

export function AlbumsPage() {
  const { ta } = useAlbumsI18n();
  const [creating, setCreating] = useState(false);
  return (
    <div className="mx-auto w-full max-w-5xl">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeader title={ta('albums.title')} subtitle={ta('albums.subtitle')} />
        <Button onClick={() => setCreating(true)}>
          <Icon name="plus" />
          {ta('albums.new')}
        </Button>
      </div>
      <AlbumList />
      <CreateAlbumDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
