// Conversions live in the contract (the server uses the same ones); only the reading and
// writing of numbers in the UI is here.
export { displayDistance, displayWeight, fromKg, fromMetres, toKg, toMetres, type DistanceUnit, type WeightUnit } from '@discordgym/contracts';

/** A number as people write it: no trailing zeros, the locale's decimal mark. */
export const formatNumber = (value: number, locale: string, maxFraction = 2): string =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction }).format(value);

/** Parses what someone typed, with either decimal mark; empty or nonsense is null. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.trim().replace(',', '.');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}` : `${m}:${String(rest).padStart(2, '0')}`;
}
