/**
 * Stop words, one home for both lists. They differ on purpose: summaries rank sentences and match labels, where
 * only function words are noise; grouping compares whole stories, where reporting verbs, weekdays and news filler
 * ("said", "Tuesday", "report") appear in nearly every article whatever it is about and would join unrelated ones.
 */

/** Function words (and the commonest reporting words): no topic, so centrality and label matching ignore them. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves said says say told according mr mrs ms s t would also one two us'
  ).split(' '),
);

/** Function words plus the reporting verbs and news filler every story shares: ignored by story similarity. */
export const SIMILARITY_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost along already also although always am among an and another any
  anyone anything are around as at away back be became because become been before being below between both but by
  can cannot could did do does doing done down during each either else enough even ever every few for from further
  get gets getting go goes going got had has have having he her here hers herself him himself his how however i if
  in into is it its itself just last least less let like made make many may me might more most mostly much must my
  myself near need neither never next no nor not now of off often on once one only onto or other others our ours
  ourselves out over own per perhaps rather really said same say saying says see seen several she should since so
  some still such than that the their theirs them themselves then there these they this those though through thus
  to told too toward towards under until up upon us very via was we well were what whatever when where whether
  which while who whom whose why will with within without would yet you your yours yourself according added
  asked including later told week year years time times day days news reported report reports reporter reporters
  monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow mr mrs ms dr new`.split(/\s+/),
);

