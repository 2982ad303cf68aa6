// Reading optional fields of a Security Center answer the scan-state operations use: a value of
// the wrong type is "not given", never a guess.
export function optString(obj: Record<string, unknown>, name: string): string | undefined {
  const v = obj[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function optNumber(obj: Record<string, unknown>, name: string): number | undefined {
  const v = obj[name];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}
