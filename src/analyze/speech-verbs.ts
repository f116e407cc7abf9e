/** Verbs that introduce or close a quotation ("said", "told reporters", "wrote on social media"). */
const VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'adding', 'wrote', 'writes', 'stated', 'states', 'noted',
  'notes', 'noting', 'declared', 'declares', 'announced', 'announces', 'insisted', 'insists', 'explained', 'explains',
  'warned', 'warns', 'warning', 'argued', 'argues', 'asked', 'asks', 'replied', 'replies', 'continued', 'posted',
  'tweeted', 'claimed', 'claims', 'urged', 'urges', 'urging', 'remarked', 'commented', 'concluded', 'acknowledged',
  'admitted', 'confirmed', 'confirms', 'emphasized', 'emphasised', 'stressed', 'stresses', 'recalled', 'suggested',
  'predicted', 'promised', 'vowed', 'vows', 'pledged', 'assured', 'assures', 'described', 'describes', 'describing',
  'accused', 'accuses', 'accusing', 'saying', 'reiterated', 'responded', 'testified', 'quipped', 'complained',
  'revealed', 'recounted', 'recounts',
];

/** Verbs that only close a quotation from a document: `"...," the communiqué read`. */
const CLOSING_ONLY = ['read', 'reads'];

export const SPEECH_VERB = new RegExp(`\\b(?:${VERBS.join('|')})\\b`, 'giu');
export const CLOSING_SPEECH_VERB = new RegExp(`\\b(?:${[...VERBS, ...CLOSING_ONLY].join('|')})\\b`, 'giu');
/** A quotation attributed after the fact with the verb first: `"...," said Danielle Bell, head of ...`. */
export const VERB_FIRST = new RegExp(`^(?:${VERBS.join('|')}|according to)\\s+`, 'iu');
