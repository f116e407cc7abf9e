import type Handlebars from 'handlebars';
import { handlebars } from './handlebars.js';

/**
 * Where a template error is, said in the theme author's terms: which block is unclosed and where it opened,
 * and, for an error raised while rendering, the partial's own file and line rather than the layout's.
 * loadTheme (render) and validateTheme (templates) both use it, so `generate`, `validate` and the preview agree.
 */

export interface TemplateLocation {
  file: string;
  /** 1-based; 1 when only the file is known (a missing partial: no helper saw its position). */
  line: number;
  /** 1-based. */
  column: number;
  /** False when only the file is known. */
  exact?: boolean;
}

/** "file:line:column", or just the file when the line is not known. */
export function formatLocation(location: TemplateLocation): string {
  return location.exact === false ? location.file : `${location.file}:${location.line}:${location.column}`;
}

export interface ParseProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

interface Token {
  name: string;
  text: string;
  line: number;
  column: number;
}

interface JisonLexer {
  setInput(source: string): void;
  lex(): number | string;
  EOF: number;
  yytext: string;
  yylloc: { first_line: number; first_column: number };
}

interface JisonParser {
  lexer: JisonLexer;
  terminals_: Record<number, string>;
}

const parser = () => (handlebars() as unknown as { Parser: JisonParser }).Parser;

/** Handlebars' own lexer (comments, raw blocks and strings are tokenised exactly as the parser sees them). */
function tokens(source: string): Token[] {
  const { lexer, terminals_ } = parser();
  const out: Token[] = [];
  lexer.setInput(source);
  // A token the lexer cannot read ends the scan; the parser's own message covers that case.
  for (let i = 0; i < 1_000_000; i += 1) {
    let kind: number | string;
    try {
      kind = lexer.lex();
    } catch {
      break;
    }
    const name = typeof kind === 'number' ? (terminals_[kind] ?? String(kind)) : kind;
    if (kind === lexer.EOF || name === 'EOF' || name === 'INVALID') break;
    out.push({ name, text: lexer.yytext, line: lexer.yylloc.first_line, column: lexer.yylloc.first_column + 1 });
  }
  return out;
}

const OPENERS = new Set(['OPEN_BLOCK', 'OPEN_INVERSE', 'OPEN_PARTIAL_BLOCK']);

/** The path right after an opening or closing tag ("each", "a.b", "inline"), as Handlebars compares them. */
function pathAfter(list: Token[], index: number): string {
  const first = list[index + 1];
  if (!first) return '';
  if (first.name === 'STRING' || first.name === 'NUMBER') return first.text;
  let name = '';
  // ID (SEP ID)*, with a leading @ for data: "each", "a.b", "@root.x"; the arguments after it are not part of the name.
  for (let i = index + 1; i < list.length; i += 1) {
    const token = list[i]!;
    const wantsName = name === '' || name.endsWith('.') || name.endsWith('/') || name === '@';
    if (wantsName && (token.name === 'ID' || token.name === 'DATA')) name += token.text;
    else if (!wantsName && token.name === 'SEP') name += token.text;
    else break;
  }
  return name;
}

const at = (t: { line: number; column: number }) => `line ${t.line}, column ${t.column}`;

/**
 * The block structure's first fault: a closing tag that does not match the open block, one that closes
 * nothing, or a block still open at the end. Null when the blocks balance (the fault is elsewhere).
 */
export function blockFault(source: string): ParseProblem | null {
  const list = tokens(source);
  const open: Array<{ name: string; sigil: string; line: number; column: number }> = [];
  for (const [index, token] of list.entries()) {
    if (OPENERS.has(token.name)) {
      // "{{#", "{{~#", "{{#*", "{{^", "{{#>": what the author typed before the name.
      const typed = token.text.replace(/^\{\{~?/, '');
      const sigil = typed.endsWith('>') ? `${typed} ` : typed;
      open.push({ name: pathAfter(list, index), sigil, line: token.line, column: token.column });
    } else if (token.name === 'OPEN_ENDBLOCK') {
      const name = pathAfter(list, index);
      const top = open.pop();
      if (!top) {
        return { line: token.line, column: token.column, message: `{{/${name}}} at ${at(token)} closes no block: remove it, or open the block with {{#${name} ...}} before it.` };
      }
      if (top.name !== name) {
        return {
          line: token.line,
          column: token.column,
          message: `{{/${name}}} at ${at(token)} does not close {{${top.sigil}${top.name}}}, opened at ${at(top)}: close it with {{/${top.name}}}.`,
        };
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    return {
      line: unclosed.line,
      column: unclosed.column,
      message: `The {{${unclosed.sigil}${unclosed.name}}} opened at ${at(unclosed)} is never closed: add {{/${unclosed.name}}} where the block ends.`,
    };
  }
  return null;
}

/**
 * A Handlebars parse error as a problem to fix: block faults in words, anything else as Handlebars says it
 * (its first line and the token it expected), at the position of the offending token.
 */
export function describeParseError(source: string, error: unknown): ParseProblem {
  // The shared lexer still holds the offending token's position right after the (synchronous) failure: read it
  // before blockFault runs the same lexer over the whole source again.
  const failedAt = { ...(parser().lexer.yylloc as { first_line?: number; first_column?: number } | undefined) };
  const fault = blockFault(source);
  if (fault) return fault;
  const err = error as Error & { lineNumber?: number; column?: number };
  if (typeof err.lineNumber === 'number') return { line: err.lineNumber, column: (err.column ?? 0) + 1, message: err.message };
  const firstLine = err.message.split('\n')[0] ?? String(error);
  const detail = err.message.split('\n').slice(-1)[0] ?? '';
  const message = detail && detail !== firstLine ? `${firstLine} ${detail}` : firstLine;
  if (typeof failedAt.first_line === 'number') return { line: failedAt.first_line, column: (failedAt.first_column ?? 0) + 1, message };
  const line = /line (\d+)/.exec(firstLine);
  return { line: line ? Number(line[1]) : 1, column: 1, message };
}

/**
 * Parses a template, throwing a TemplateSyntaxError located in `file`. The tree is the parser's, before whitespace
 * control, which is how compile() takes a parsed template (it applies whitespace control itself, once).
 */
export function parseTemplate(hb: typeof Handlebars, file: string, source: string): ReturnType<typeof Handlebars.parseWithoutProcessing> {
  try {
    return hb.parseWithoutProcessing(source);
  } catch (error) {
    const problem = describeParseError(source, error);
    throw new TemplateSyntaxError(problem.message, { file, line: problem.line, column: problem.column }, error);
  }
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly location: TemplateLocation,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** What an error thrown while rendering learnt on its way out: the helper's position, then the template's file. */
interface Located {
  briefingTemplateLine?: { line: number; column: number };
  briefingTemplateFile?: string;
}

/** The file, line and column of an error thrown while rendering, when the wrappers below saw it. */
export function renderErrorLocation(error: unknown): TemplateLocation | null {
  const located = error as Located | null;
  if (!located || typeof located !== 'object' || !located.briefingTemplateFile) return null;
  const line = located.briefingTemplateLine;
  return { file: located.briefingTemplateFile, line: line?.line ?? 1, column: line?.column ?? 1, exact: line !== undefined };
}

function asLocated(error: unknown): Located | null {
  return error !== null && typeof error === 'object' ? (error as Located) : null;
}

/**
 * Wraps every helper of `hb` so an error it throws remembers the call's position (Handlebars passes it as
 * options.loc). The innermost position wins: an enclosing {{#each}} does not overwrite it.
 */
export function locateHelperErrors(hb: typeof Handlebars): void {
  for (const [name, fn] of Object.entries(hb.helpers)) {
    const helper = fn as (...args: unknown[]) => unknown;
    hb.helpers[name] = function located(this: unknown, ...args: unknown[]) {
      try {
        return helper.apply(this, args);
      } catch (error) {
        const target = asLocated(error);
        const options = args[args.length - 1] as { loc?: { start?: { line: number; column: number } } } | undefined;
        const start = options?.loc?.start;
        if (target && !target.briefingTemplateLine && !target.briefingTemplateFile && start) {
          target.briefingTemplateLine = { line: start.line, column: start.column + 1 };
        }
        throw error;
      }
    };
  }
}

/**
 * A compiled template (layout or partial) whose errors name its file: the innermost template wins, so an
 * error inside a partial is reported in the partial, at the line its helper recorded.
 */
export function locateTemplateErrors<T extends (...args: never[]) => unknown>(file: string, template: T): T {
  return function located(this: unknown, ...args: Parameters<T>) {
    try {
      return template.apply(this, args);
    } catch (error) {
      const target = asLocated(error);
      if (target && !target.briefingTemplateFile) target.briefingTemplateFile = file;
      throw error;
    }
  } as T;
}
