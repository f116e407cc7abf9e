/**
 * Wire services: they carry other people's words and other outlets' stories, so they credit a story ("— AFP",
 * "WASHINGTON (Reuters) -") but are never the speaker of a quote ("told AFP", "according to Reuters"). Lower case.
 */
export const WIRE_SERVICES: ReadonlySet<string> = new Set([
  'afp', 'agence france-presse', 'agence france presse', 'reuters', 'ap', 'associated press', 'the associated press',
  'dpa', 'efe', 'ansa', 'xinhua', 'tass', 'ria novosti', 'interfax', 'anadolu', 'anadolu agency', 'ani', 'pti', 'ians',
  'upi', 'kyodo', 'yonhap', 'bernama', 'wam', 'spa', 'qna', 'kuna', 'ona', 'pa', 'pa media', 'aap', 'cp', 'bloomberg',
  'menafn', 'ukrinform',
]);

export function isWireService(name: string): boolean {
  return WIRE_SERVICES.has(name.trim().toLowerCase());
}
