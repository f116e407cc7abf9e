import { onDemand } from '../util/load-on-demand.js';

/**
 * Handlebars for every part of the program (themes, `templates validate`, the app's views): its one-file build,
 * the same 4.7 code as the package's main entry (about 45 files), loaded in two thirds of the CPU time, whose
 * compiler writes template code without the source-map library we never ask for. One copy, because a syntax
 * error's position is read from the lexer that the failed parse used (template-errors.ts).
 */
export const handlebars = onDemand<typeof import('handlebars')>('handlebars/dist/handlebars.js');
