/** `num(name, fallback)` over an environment: a positive number, the fallback when unset, a clear error otherwise. */
export function numberKnobs(env) {
  return (name, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
    return value;
  };
}
