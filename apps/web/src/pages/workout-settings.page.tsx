import type { DistanceUnit, ImportResult, WeightUnit, WorkoutVisibility } from '@discordgym/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { PageHeader } from '../components/page-header.component';
import { SelectField } from '../components/select-field.component';
import { useRooms } from '../features/chat/hooks/use-rooms.hook';
import { socialApi, workoutKeys } from '../features/workouts/api/workouts.api';
import { useUpdateWorkoutPreferences, useWorkoutPreferences } from '../features/workouts/hooks/use-workout-preferences.hook';
import { useWorkoutsI18n } from '../features/workouts/hooks/use-workouts-i18n.hook';
import { api } from '../lib/api/api-client';
import { downloadRoute } from '../lib/api/download';

/** Units (kg/lb, km/mi), default visibility, PR announcement rooms, import and export. */
export function WorkoutSettingsPage() {
  const { tw, describeError } = useWorkoutsI18n();
  const { prefs } = useWorkoutPreferences();
  const update = useUpdateWorkoutPreferences();
  const queryClient = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const groups = useRooms((d) => d.items.filter((r) => r.is_group));
  const prRooms = useQuery({ queryKey: ['workouts', 'pr-rooms'], queryFn: ({ signal }) => api('getPrRooms', { signal }) });
  const setPrRooms = useMutation({
    mutationFn: (ids: string[]) => api('setPrRooms', { body: { chatroom_ids: ids } }),
    onSuccess: (data) => queryClient.setQueryData(['workouts', 'pr-rooms'], data),
  });
  const importCsv = useMutation({
    mutationFn: async (f: File): Promise<ImportResult> => socialApi.importCsv(await f.text()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workoutKeys.all }),
  });
  const download = useMutation({ mutationFn: ({ route, name }: { route: 'exportWorkoutsCsv' | 'exportMyData'; name: string }) => downloadRoute(route, name) });
  const chosen = new Set(prRooms.data?.chatroom_ids ?? []);

  return (
    <>
      <PageHeader title={tw('w.settings.title')} />
      <div className="flex flex-col gap-6">
        <section className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <SelectField
            label={tw('w.settings.weightUnit')}
            value={prefs.weight_unit}
            onChange={(e) => update.mutate({ weight_unit: e.target.value as WeightUnit })}
            options={[
              { value: 'kg', label: 'kg' },
              { value: 'lb', label: 'lb' },
            ]}
          />
          <SelectField
            label={tw('w.settings.distanceUnit')}
            value={prefs.distance_unit}
            onChange={(e) => update.mutate({ distance_unit: e.target.value as DistanceUnit })}
            options={[
              { value: 'km', label: 'km' },
              { value: 'mi', label: 'mi' },
            ]}
          />
          <SelectField
            label={tw('w.logger.visibility')}
            value={prefs.default_visibility}
            onChange={(e) => update.mutate({ default_visibility: e.target.value as WorkoutVisibility })}
            options={(['private', 'friends', 'public'] as const).map((v) => ({ value: v, label: tw(`w.visibility.${v}`) }))}
          />
        </section>
        {update.isSuccess && <Alert tone="success">{tw('w.settings.saved')}</Alert>}
        {update.isError && <Alert tone="error">{describeError(update.error)}</Alert>}

        <section>
          <h2 className="mb-2 text-lg font-semibold text-fg">{tw('w.settings.prRooms')}</h2>
          <p className="mb-2 text-sm text-fg-subtle">{tw('w.settings.prRoomsHint')}</p>
          <ul className="flex flex-col gap-1">
            {(groups.data ?? []).map((room) => (
              <li key={room.id}>
                <label className="flex min-h-10 items-center gap-2 text-fg">
                  <input
                    type="checkbox"
                    className="size-5"
                    checked={chosen.has(room.id)}
                    onChange={(e) => setPrRooms.mutate(e.target.checked ? [...chosen, room.id] : [...chosen].filter((id) => id !== room.id))}
                  />
                  # {room.name}
                </label>
              </li>
            ))}
          </ul>
          {setPrRooms.isError && <Alert tone="error">{describeError(setPrRooms.error)}</Alert>}
        </section>

        <section className="flex flex-col items-start gap-2">
          <label className="text-sm font-semibold text-fg" htmlFor="workout-import">
            {tw('w.settings.import')}
          </label>
          <input
            id="workout-import"
            ref={file}
            type="file"
            accept=".csv,text/csv"
            className="text-sm text-fg-muted file:mr-3 file:rounded-[4px] file:border-0 file:bg-surface-500 file:px-3 file:py-2 file:text-fg"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) importCsv.mutate(f);
              e.target.value = '';
            }}
          />
          {importCsv.isPending && <p className="text-sm text-fg-subtle">{tw('w.settings.importing')}</p>}
          {importCsv.isSuccess && (
            <Alert tone="success">{tw('w.settings.imported', { count: importCsv.data.created, skipped: importCsv.data.workouts - importCsv.data.created })}</Alert>
          )}
          {importCsv.isError && <Alert tone="error">{describeError(importCsv.error)}</Alert>}
        </section>

        <section className="flex flex-wrap gap-2">
          <Button variant="secondary" pending={download.isPending} onClick={() => download.mutate({ route: 'exportWorkoutsCsv', name: 'workouts.csv' })}>
            {tw('w.settings.exportCsv')}
          </Button>
          <Button variant="secondary" pending={download.isPending} onClick={() => download.mutate({ route: 'exportMyData', name: 'discordgym-training.json' })}>
            {tw('w.settings.exportJson')}
          </Button>
          {download.isError && <Alert tone="error">{describeError(download.error)}</Alert>}
        </section>
      </div>
    </>
  );
}
