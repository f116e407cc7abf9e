/** Template tools for theme authors: list, init, validate, preview. Plain functions: the CLI prints. */
export { listThemeInfo, type ListOptions, type ThemeInfo } from './list.js';
export { initTheme, type InitOptions, type InitResult } from './init.js';
export { themeHelperNames, validateTheme, type ProblemKind, type ThemeProblem, type ValidateOptions, type ValidationResult } from './validate.js';
export { startPreview, themedEmail, type PreviewEmail, type PreviewOptions, type PreviewRenderSettings, type PreviewServer } from './preview.js';
export { themeWarnings } from './theme-warnings.js';
