// A short piece of a setting's description for the results list, around the first word the query matched.

const words = (query: string) =>
  query
    .toLowerCase()
    .replace(/[_\-()%:"]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

export function snippet(text: string | undefined, query: string, max = 110): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const lower = clean.toLowerCase();
  const hits = words(query)
    .map((word) => lower.indexOf(word))
    .filter((index) => index >= 0);
  const hit = hits.length ? Math.min(...hits) : 0;
  // Start at a word boundary a little before the hit, so the match is read in context.
  let start = hit > max / 3 ? clean.lastIndexOf(' ', hit - Math.floor(max / 4)) + 1 : 0;
  start = Math.max(0, Math.min(start, clean.length - max));
  let end = start + max;
  if (end < clean.length) {
    const cut = clean.lastIndexOf(' ', end);
    if (cut > start + max / 2) end = cut;
  }
  return `${start > 0 ? '…' : ''}${clean.slice(start, end).trim()}${end < clean.length ? '…' : ''}`;
}
