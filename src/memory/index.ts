export { applyMemory, type MemoryOptions } from './apply.js';
export { rememberBriefing } from './remember.js';
export { SIGNATURE_THRESHOLD, jaccard, threadSignature } from './signature.js';
export { articleKeys, contentHash } from './keys.js';
export { urlIdentity } from '../text/url.js';
