import { field, itemShape, schemaShape, shapeKind, UNKNOWN, withFields, type JsonSchema, type Shape } from './shape.js';

/**
 * Walks a Handlebars AST the way the runtime evaluates it, tracking the context (each, with, ../, @root,
 * block params, partial calls) so field paths can be checked against the briefing's JSON Schema.
 * The AST is typed loosely here: only the fields this walk reads.
 */

export type ProblemKind = 'syntax' | 'unknown-partial' | 'unknown-helper' | 'unknown-field' | 'unescaped' | 'render' | 'manifest' | 'asset';

export interface ThemeProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  kind: ProblemKind;
}

interface Loc {
  start: { line: number; column: number };
}

export interface Node {
  type: string;
  loc?: Loc;
  // Statements and expressions
  path?: Node;
  params?: Node[];
  hash?: { pairs: Array<{ key: string; value: Node }> };
  program?: { body: Node[]; blockParams?: string[] } | null;
  inverse?: { body: Node[]; blockParams?: string[] } | null;
  name?: Node;
  // PathExpression
  data?: boolean;
  depth?: number;
  parts?: string[];
  original?: unknown;
  // StringLiteral (partial names, inline names)
  value?: unknown;
  /** MustacheStatement: false for {{{x}}} and {{&x}}. */
  escaped?: boolean;
}

export interface Template {
  file: string;
  body: Node[];
}

interface Frame {
  shape: Shape;
  /** A block whose helper may or may not have pushed a new context: `../` across it cannot be resolved. */
  ambiguous: boolean;
}

interface Scope {
  frames: Frame[];
  /** Innermost last; a null shape marks a name that may be a caller's block param (inside a partial). */
  blockParams: Array<Map<string, Shape | null>>;
}

export interface WalkEnv {
  schema: JsonSchema;
  helpers: ReadonlySet<string>;
  /** Helpers that escape what they are given and return HTML (markdown): the only values {{{ }}} may print. */
  safeHelpers: ReadonlySet<string>;
  partials: ReadonlyMap<string, Template>;
  inlinePartials: ReadonlySet<string>;
  report(problem: ThemeProblem): void;
}

const MAX_PARTIAL_DEPTH = 24;

function position(node: Node): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

function isPath(node: Node | undefined): node is Node & { parts: string[]; original: string } {
  return node?.type === 'PathExpression';
}

/** `this.x`, `./x`, `this` and `.` bypass helpers and block params. */
function isScoped(node: Node): boolean {
  return /^(this|\.)(\/|\.|$)/.test(String(node.original)) || String(node.original).startsWith('./');
}

/** A bare identifier: the only kind of path Handlebars may resolve as a helper. */
function simpleName(node: Node | undefined): string | null {
  if (!isPath(node) || node.data || (node.depth ?? 0) > 0 || node.parts.length !== 1 || isScoped(node)) return null;
  return node.parts[0]!;
}

/** Where part `index` of a path starts in its source text, so a problem points at the wrong name itself. */
function partOffset(original: string, parts: string[], index: number): number {
  let cursor = 0;
  for (let i = 0; i <= index; i += 1) {
    const found = original.indexOf(parts[i]!, cursor);
    if (found < 0) return 0;
    if (i === index) return found;
    cursor = found + parts[i]!.length;
  }
  return 0;
}

/** Helpers that return part of the list they are given (same items): their result keeps the list's shape. */
const PART_OF_ITS_LIST = new Set(['fullThreads', 'briefThreads', 'take', 'drop']);

export class TemplateWalker {
  private readonly visited = new Set<string>();
  private readonly rootShape: Shape;

  constructor(private readonly env: WalkEnv) {
    this.rootShape = schemaShape(env.schema, '');
  }

  /** Walks a template whose context is the briefing itself (the layout). */
  walkWithRoot(template: Template): void {
    this.walkBody(template.file, template.body, { frames: [{ shape: this.rootShape, ambiguous: false }], blockParams: [] }, 0);
  }

  /** Walks a template whose context is unknown: syntax-level checks (helpers, partials) only. */
  walkUnknown(template: Template): void {
    this.walkBody(template.file, template.body, { frames: [{ shape: UNKNOWN, ambiguous: true }], blockParams: [] }, MAX_PARTIAL_DEPTH);
  }

  private walkBody(file: string, body: Node[], scope: Scope, depth: number): void {
    for (const node of body) this.statement(file, node, scope, depth);
  }

  private statement(file: string, node: Node, scope: Scope, depth: number): void {
    switch (node.type) {
      case 'MustacheStatement':
        this.mustache(file, node, scope);
        return;
      case 'BlockStatement':
        this.block(file, node, scope, depth);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.partial(file, node, scope, depth);
        return;
      case 'DecoratorBlock':
        // An inline partial runs in its caller's context, which is not known here.
        if (node.program) this.walkBody(file, node.program.body, { frames: [{ shape: UNKNOWN, ambiguous: true }], blockParams: [] }, depth);
        return;
      default:
        return;
    }
  }

  private isBlockParam(name: string, scope: Scope): boolean {
    return scope.blockParams.some((m) => m.has(name));
  }

  private mustache(file: string, node: Node, scope: Scope): void {
    const path = node.path;
    if (!isPath(path)) return;
    const call = (node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (node.escaped === false) this.unescaped(file, node, scope);
    if (call) {
      this.helperCall(file, node, scope);
      return;
    }
    const name = simpleName(path);
    if (name !== null && this.env.helpers.has(name) && !this.isBlockParam(name, scope)) return;
    this.resolve(file, path, scope);
  }

  /** {{{x}}} prints x as HTML: only a safe helper's result may be, never a field that may hold article text. */
  private unescaped(file: string, node: Node, scope: Scope): void {
    const name = simpleName(node.path);
    if (name !== null && this.env.safeHelpers.has(name) && !this.isBlockParam(name, scope)) return;
    // @css, @theme.text, @brand...: the theme's and the configuration's own values, not the model (@root is the model).
    const path = node.path!;
    const call = (node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0;
    if (!call && isPath(path) && path.data && path.parts[0] !== 'root') return;
    const shown = String(path.original);
    const args = call ? ' ...' : '';
    this.env.report({
      file,
      ...position(node),
      kind: 'unescaped',
      message:
        `{{{${shown}${args}}}} prints its value without escaping, so text from an article could inject HTML: use {{${shown}${args}}}. ` +
        `Only a helper that escapes inside (${[...this.env.safeHelpers].sort().join(', ')}) may be used in {{{ }}}.`,
    });
  }

  /** A helper invocation: reports an unknown name, checks its arguments, returns what it gives when known. */
  private helperCall(file: string, node: Node, scope: Scope): Shape {
    const name = simpleName(node.path);
    if (name !== null && !this.env.helpers.has(name) && !this.isBlockParam(name, scope)) {
      this.env.report({ file, ...position(node.path!), kind: 'unknown-helper', message: `Unknown helper "${name}": it is neither a Handlebars built-in nor a theme helper.` });
    } else if (name === null && isPath(node.path)) {
      this.resolve(file, node.path, scope);
    }
    const args = (node.params ?? []).map((p) => this.expression(file, p, scope));
    for (const pair of node.hash?.pairs ?? []) this.expression(file, pair.value, scope);
    return this.helperResult(name, args);
  }

  /** Return shapes of the helpers that hand model objects back to the template. */
  private helperResult(name: string | null, args: Shape[]): Shape {
    if (name === 'first' && args[0]) return itemShape(args[0], this.env.schema);
    // A part of the list it was given: the same items, so a misspelt field inside {{#each (briefThreads threads)}} or
    // {{#each (take this @briefItems)}} is still found.
    if (name !== null && PART_OF_ITS_LIST.has(name) && args[0]) return args[0];
    if (name === 'article') {
      const articles = field(this.rootShape, 'articles', this.env.schema);
      return articles.ok ? itemShape(articles.shape, this.env.schema) : UNKNOWN;
    }
    return UNKNOWN;
  }

  private expression(file: string, node: Node, scope: Scope): Shape {
    if (node.type === 'SubExpression') return this.helperCall(file, node, scope);
    if (isPath(node)) return this.resolve(file, node, scope);
    return UNKNOWN;
  }

  /** The shape a path reads, reporting the first part that surely does not exist. */
  private resolve(file: string, path: Node & { parts: string[]; original: string }, scope: Scope): Shape {
    let shape: Shape;
    let parts = path.parts;
    if (path.data) {
      // @index, @first, @theme, @css...: runtime data, not the model. Only @root is the briefing.
      if (parts[0] !== 'root') return UNKNOWN;
      shape = this.rootShape;
      parts = parts.slice(1);
    } else {
      const depth = path.depth ?? 0;
      const head = parts[0];
      const param = depth === 0 && !isScoped(path) && head !== undefined ? this.blockParam(head, scope) : undefined;
      if (param !== undefined) {
        if (param === null) return UNKNOWN;
        shape = param;
        parts = parts.slice(1);
      } else {
        const frames = scope.frames;
        if (depth >= frames.length) return UNKNOWN;
        const crossed = frames.slice(frames.length - depth);
        if (crossed.some((f) => f.ambiguous)) return UNKNOWN;
        shape = frames[frames.length - 1 - depth]!.shape;
      }
    }
    for (const [index, part] of parts.entries()) {
      const next = field(shape, part, this.env.schema);
      if (!next.ok) {
        const at = position(path);
        const offset = partOffset(path.original, path.parts, path.parts.length - parts.length + index);
        this.env.report({
          file,
          line: at.line,
          column: at.column + offset,
          kind: 'unknown-field',
          message: `"${part}" is not a field of ${next.owner} (in "${path.original}").`,
        });
        return UNKNOWN;
      }
      shape = next.shape;
    }
    return shape;
  }

  private blockParam(name: string, scope: Scope): Shape | null | undefined {
    for (let i = scope.blockParams.length - 1; i >= 0; i -= 1) {
      const map = scope.blockParams[i]!;
      if (map.has(name)) return map.get(name)!;
    }
    return undefined;
  }

  private block(file: string, node: Node, scope: Scope, depth: number): void {
    const call = (node.params?.length ?? 0) > 0 || (node.hash?.pairs.length ?? 0) > 0;
    const name = simpleName(node.path);
    const helper = name !== null && this.env.helpers.has(name) && !this.isBlockParam(name, scope);
    let inner: Frame | null;
    let paramShapes: Shape[] = [];
    if (call || helper) {
      if (name === 'each' || name === 'with') {
        const arg = node.params?.[0] ? this.expression(file, node.params[0], scope) : UNKNOWN;
        for (const p of node.params?.slice(1) ?? []) this.expression(file, p, scope);
        for (const pair of node.hash?.pairs ?? []) this.expression(file, pair.value, scope);
        const target = name === 'each' ? this.eachItem(arg) : arg;
        inner = { shape: target, ambiguous: false };
        paramShapes = [target, UNKNOWN];
      } else if (name === 'if' || name === 'unless') {
        for (const p of node.params ?? []) this.expression(file, p, scope);
        inner = null;
      } else {
        const result = this.helperCall(file, node, scope);
        inner = { shape: result, ambiguous: true };
      }
    } else {
      // {{#field}}: Handlebars iterates an array, enters an object, keeps the context for a boolean.
      const shape = isPath(node.path) ? this.resolve(file, node.path, scope) : UNKNOWN;
      const kind = shapeKind(shape, this.env.schema);
      if (kind === 'array') inner = { shape: itemShape(shape, this.env.schema), ambiguous: false };
      else if (kind === 'object') inner = { shape, ambiguous: false };
      else if (kind === 'boolean') inner = null;
      else inner = { shape: UNKNOWN, ambiguous: true };
      paramShapes = inner ? [inner.shape] : [];
    }
    if (node.program) {
      const names = node.program.blockParams ?? [];
      const params = new Map<string, Shape | null>(names.map((n, i) => [n, paramShapes[i] ?? UNKNOWN]));
      const innerScope: Scope = {
        frames: inner ? [...scope.frames, inner] : scope.frames,
        blockParams: names.length > 0 ? [...scope.blockParams, params] : scope.blockParams,
      };
      this.walkBody(file, node.program.body, innerScope, depth);
    }
    // {{else}} runs in the outer context for each/with/if; for other helpers it is anybody's guess.
    if (node.inverse) {
      const outer = call || helper ? (name === 'each' || name === 'with' || name === 'if' || name === 'unless' ? scope : this.ambiguous(scope)) : scope;
      this.walkBody(file, node.inverse.body, outer, depth);
    }
  }

  private eachItem(shape: Shape): Shape {
    return shapeKind(shape, this.env.schema) === 'array' ? itemShape(shape, this.env.schema) : UNKNOWN;
  }

  private ambiguous(scope: Scope): Scope {
    return { frames: [...scope.frames, { shape: UNKNOWN, ambiguous: true }], blockParams: scope.blockParams };
  }

  private partial(file: string, node: Node, scope: Scope, depth: number): void {
    const nameNode = node.name;
    let name: string | null = null;
    if (nameNode?.type === 'SubExpression') {
      this.helperCall(file, nameNode, scope);
    } else if (isPath(nameNode)) {
      if (!nameNode.data) name = nameNode.original;
    } else if (nameNode && typeof nameNode.original === 'string') {
      name = nameNode.original;
    }
    const context = node.params?.[0] ? this.expression(file, node.params[0], scope) : null;
    const hash = new Map<string, Shape>();
    for (const pair of node.hash?.pairs ?? []) hash.set(pair.key, this.expression(file, pair.value, scope));

    const block = node.type === 'PartialBlockStatement';
    if (block && node.program) this.walkBody(file, node.program.body, scope, depth);
    if (name === null || this.env.inlinePartials.has(name)) return;
    const template = this.env.partials.get(name);
    if (!template) {
      // A partial block has its own fallback content, so a missing partial is not an error there.
      if (!block) {
        this.env.report({ file, ...position(nameNode!), kind: 'unknown-partial', message: `Unknown partial "${name}": no partials/${name}.hbs in the theme or the themes it extends.` });
      }
      return;
    }
    if (depth >= MAX_PARTIAL_DEPTH) return;
    const top = scope.frames[scope.frames.length - 1]!;
    const changed = context !== null || hash.size > 0;
    const shape = withFields(context ?? top.shape, hash);
    const frames = changed ? [...scope.frames, { shape, ambiguous: true }] : scope.frames;
    // The caller's block params may or may not reach the partial: such names resolve to unknown, never to a false alarm.
    const maybe = new Map<string, Shape | null>();
    for (const m of scope.blockParams) for (const key of m.keys()) maybe.set(key, null);
    const key = `${name}\u0000${frames.map((f) => (f.shape.kind === 'unknown' ? '?' : f.shape.label) + (f.ambiguous ? '~' : '')).join('/')}\u0000${[...hash.keys()].join(',')}\u0000${[...maybe.keys()].join(',')}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    this.walkBody(template.file, template.body, { frames, blockParams: maybe.size > 0 ? [maybe] : [] }, depth + 1);
  }
}
