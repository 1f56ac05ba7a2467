import type { PersonalRecord, WeightUnit } from '@discordgym/contracts';
import { fromKg, fromMetres } from '@discordgym/contracts';
import { formatDuration, formatNumber } from './units';

/** A record's value in the reader's units: "102.5 kg", "8 × 80 kg", "5.2 km", "3:20". */
export function formatRecord(pr: Pick<PersonalRecord, 'kind' | 'value' | 'weight_kg'>, units: { weight: WeightUnit; distance: 'km' | 'mi' }, locale: string): string {
  const w = (kg: number) => `${formatNumber(fromKg(kg, units.weight), locale)} ${units.weight}`;
  switch (pr.kind) {
    case 'heaviest':
    case 'e1rm':
    case 'set_volume':
      return w(pr.value);
    case 'reps_at_weight':
      return `${pr.value} × ${pr.weight_kg !== null ? w(pr.weight_kg) : ''}`;
    case 'distance':
      return `${formatNumber(fromMetres(pr.value, units.distance), locale)} ${units.distance}`;
    case 'duration':
      return formatDuration(pr.value);
  }
}
