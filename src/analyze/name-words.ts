/** Word lists for telling names apart. Small, general and language-level: no list of people or events. */

/** Words of a person's role that stand before the name ("Secretary of State Marco Rubio", "spokesman Dmitry Peskov"). */
export const TITLE_WORDS = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'state', 'foreign', 'defence', 'defense', 'interior',
  'finance', 'economy', 'justice', 'spokesman', 'spokeswoman', 'spokesperson', 'chancellor', 'king', 'queen', 'prince',
  'princess', 'pope', 'governor', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman', 'gen',
  'general', 'lt', 'col', 'colonel', 'major', 'maj', 'captain', 'capt', 'admiral', 'adm', 'sgt', 'sergeant', 'mr',
  'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'judge', 'mayor', 'ambassador', 'envoy', 'chief', 'director',
  'ceo', 'chairman', 'chairwoman', 'chair', 'leader', 'premier', 'commander', 'sheikh', 'emir', 'sultan', 'crown',
  'deputy', 'acting', 'former', 'head', 'lord', 'lady', 'sir', 'dame', 'rev', 'reverend', 'father', 'bishop',
  'archbishop', 'cardinal', 'patriarch', 'speaker', 'attorney', 'adviser', 'advisor', 'aide', 'commissioner',
  'inspector', 'detective', 'superintendent', 'presidential', 'officer', 'coach', 'manager', 'founder', 'actor',
  'actress', 'singer', 'rapper', 'star', 'author', 'correspondent', 'reporter', 'editor', 'analyst', 'economist',
  'lawmaker', 'mp', 'mep', 'delegate', 'negotiator', 'diplomat', 'counterpart', 'gov', 'supt', 'cmdr', 'brig',
]);

/** Honorifics: the name after them is a person even when nothing else says so ("Mr Rubio"). */
export const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady']);

/** Lower-case words allowed inside a name ("Ministry of Foreign Affairs", "Ursula von der Leyen"). */
export const NAME_CONNECTORS = new Set(['of', 'de', 'von', 'van', 'der', 'den', 'da', 'di', 'du', 'del', 'la', 'le', 'al', 'bin', 'ibn', 'el']);

/** Words that make a name an organization ("European Commission", "Investigative Committee"). */
export const ORGANIZATION_CUES = new Set([
  'ministry', 'committee', 'commission', 'council', 'department', 'agency', 'bank', 'group', 'union', 'association',
  'organization', 'organisation', 'nations', 'party', 'army', 'navy', 'forces', 'force', 'police', 'court',
  'parliament', 'congress', 'senate', 'assembly', 'university', 'institute', 'company', 'corporation', 'inc', 'corp',
  'ltd', 'llc', 'plc', 'times', 'post', 'news', 'press', 'mission', 'office', 'service', 'services', 'fund',
  'foundation', 'board', 'authority', 'administration', 'government', 'cabinet', 'guard', 'bureau', 'league', 'club',
  'network', 'television', 'radio', 'airlines', 'airways', 'reserve', 'exchange', 'programme', 'program', 'alliance',
  'coalition', 'movement', 'society', 'centre', 'center', 'hospital', 'school', 'church', 'museum', 'federation',
  'secretariat', 'tribunal', 'directorate', 'brigade', 'battalion', 'regiment', 'command', 'holdings', 'partners',
  'house', 'magazine', 'journal', 'herald', 'tribune', 'gazette', 'broadcasting', 'channel', 'studios', 'records',
]);

/** Institutions usually named by one word, too common in news to leave to chance. */
export const SINGLE_WORD_ORGANIZATIONS = new Set([
  'kremlin', 'pentagon', 'reuters', 'afp', 'ap', 'bloomberg', 'bbc', 'cnn', 'nato', 'opec', 'interpol', 'europol',
  'hamas', 'hezbollah', 'taliban', 'unesco', 'unicef', 'fbi', 'cia', 'nasa', 'who', 'imf', 'wto', 'icc', 'iaea',
]);

/** Words that make a name a place ("Kursk Region", "Red Sea"). */
export const PLACE_CUES = new Set([
  'region', 'oblast', 'province', 'republic', 'kingdom', 'city', 'county', 'district', 'river', 'sea', 'ocean',
  'gulf', 'bay', 'island', 'islands', 'mountains', 'mount', 'lake', 'valley', 'strait', 'peninsula', 'street',
  'square', 'desert', 'coast', 'territory', 'territories', 'krai', 'governorate', 'canal', 'heights', 'strip',
]);

/** Lower-case words after a name that make it a place ("the Bryansk and Kursk regions"). */
export const PLACE_NOUNS_AFTER = new Set([
  'region', 'regions', 'province', 'provinces', 'city', 'oblast', 'district', 'county', 'village', 'town',
]);

/** Prepositions that, before an unknown capitalized word mid-sentence, usually mean a place ("in Bryansk"). */
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'outside', 'across', 'throughout', 'towards', 'toward', 'inside']);

export const SPEECH_VERBS_AFTER_NAME = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'stated', 'states', 'noted', 'notes', 'declared',
  'announced', 'insisted', 'explained', 'warned', 'argued', 'asked', 'replied', 'claimed', 'urged', 'confirmed',
  'stressed', 'emphasized', 'emphasised', 'tweeted', 'posted', 'remarked', 'commented', 'acknowledged', 'admitted',
]);

export type AliasType = 'place' | 'organization';

/**
 * Short forms and old names of well-known places and bodies, to the one name used for them. Keys are the surface
 * without dots; acronyms must match in capitals so "Us" or "us" never becomes the United States.
 */
export const ALIASES: ReadonlyMap<string, { name: string; type: AliasType }> = new Map(
  (
    [
      ['US', 'United States', 'place'], ['USA', 'United States', 'place'], ['united states', 'United States', 'place'],
      ['united states of america', 'United States', 'place'], ['america', 'United States', 'place'],
      ['UK', 'United Kingdom', 'place'], ['united kingdom', 'United Kingdom', 'place'], ['britain', 'United Kingdom', 'place'],
      ['great britain', 'United Kingdom', 'place'], ['UAE', 'United Arab Emirates', 'place'],
      ['united arab emirates', 'United Arab Emirates', 'place'],
      ['UN', 'United Nations', 'organization'], ['united nations', 'United Nations', 'organization'],
      ['EU', 'European Union', 'organization'], ['european union', 'European Union', 'organization'],
      ['kiev', 'Kyiv', 'place'], ['kyiv', 'Kyiv', 'place'], ['kharkov', 'Kharkiv', 'place'], ['kharkiv', 'Kharkiv', 'place'],
      ['odessa', 'Odesa', 'place'], ['odesa', 'Odesa', 'place'], ['lvov', 'Lviv', 'place'], ['lviv', 'Lviv', 'place'],
      ['nikolaev', 'Mykolaiv', 'place'], ['mykolaiv', 'Mykolaiv', 'place'], ['zaporozhye', 'Zaporizhzhia', 'place'],
      ['zaporizhzhia', 'Zaporizhzhia', 'place'], ['chernigov', 'Chernihiv', 'place'], ['chernihiv', 'Chernihiv', 'place'],
      ['lugansk', 'Luhansk', 'place'], ['luhansk', 'Luhansk', 'place'], ['dnepropetrovsk', 'Dnipro', 'place'],
      ['dnipro', 'Dnipro', 'place'], ['peking', 'Beijing', 'place'], ['beijing', 'Beijing', 'place'],
      ['bombay', 'Mumbai', 'place'], ['mumbai', 'Mumbai', 'place'], ['calcutta', 'Kolkata', 'place'],
      ['kolkata', 'Kolkata', 'place'], ['madras', 'Chennai', 'place'], ['chennai', 'Chennai', 'place'],
      ['canton', 'Guangzhou', 'place'], ['rangoon', 'Yangon', 'place'], ['yangon', 'Yangon', 'place'],
      ['burma', 'Myanmar', 'place'], ['myanmar', 'Myanmar', 'place'], ['turkey', 'Türkiye', 'place'],
      ['turkiye', 'Türkiye', 'place'], ['swaziland', 'Eswatini', 'place'], ['czech republic', 'Czechia', 'place'],
      ['czechia', 'Czechia', 'place'], ['ivory coast', "Côte d'Ivoire", 'place'], ['cote d ivoire', "Côte d'Ivoire", 'place'],
      ['holland', 'Netherlands', 'place'], ['the netherlands', 'Netherlands', 'place'], ['netherlands', 'Netherlands', 'place'],
    ] as const
  ).map(([key, name, type]) => [key, { name, type }]),
);
