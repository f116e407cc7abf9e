/*
 * The app's HTML: Handlebars views in templates/app/ (escaped by default, so article text can never become markup),
 * each rendered into one layout. Rendering is pure: a view name and its data in, a string out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { handlebars } from '../../render/handlebars.js';
import { templatesDir } from '../../render/theme.js';
import type { Principal } from '../context.js';

export const APP_TEMPLATES_DIR = join(templatesDir(), 'app');

/** What every page's frame needs: its title, who is signed in, and the CSRF token of the sign-out form. */
export interface PageFrame {
  title: string;
  /** The nav entry to mark as the current page. */
  section?: 'today' | 'archive' | 'make' | 'deliveries' | 'themes';
  principal?: Principal;
  /** Set when tokens are configured, so signing out makes sense. */
  canSignOut?: boolean;
  csrf?: string;
  /** Without JavaScript a running job's page reloads itself. */
  refreshSeconds?: number;
}

const hb = handlebars().create();
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('isAdmin', (principal: Principal | undefined) => principal?.scope === 'admin');

const compiled = new Map<string, Handlebars.TemplateDelegate>();
for (const file of readdirSync(APP_TEMPLATES_DIR).filter((f) => f.endsWith('.hbs'))) {
  const name = file.slice(0, -'.hbs'.length);
  const source = readFileSync(join(APP_TEMPLATES_DIR, file), 'utf8');
  if (name.startsWith('_')) hb.registerPartial(name.slice(1), source);
  else compiled.set(name, hb.compile(source, { strict: false, noEscape: false }));
}

/** One page: the view rendered with `data`, inside the layout with `frame`. */
export function renderView(view: string, frame: PageFrame, data: object = {}): string {
  const template = compiled.get(view);
  if (!template || view === 'layout') throw new Error(`no app view named ${view}`);
  const body = template({ ...data, frame });
  const layout = compiled.get('layout')!;
  // Making a briefing needs the admin scope: readers are not shown a door they cannot open.
  const sections = (['today', 'archive', 'make', 'deliveries', 'themes'] as const).filter((key) => key !== 'make' || frame.principal?.scope === 'admin');
  const nav = sections.map((key) => ({
    key,
    href: key === 'today' ? '/' : `/${key}`,
    label: { today: 'Today', archive: 'Archive', make: 'Make a briefing', deliveries: 'Deliveries', themes: 'Themes' }[key],
    current: frame.section === key,
  }));
  return layout({ frame, nav, body: new hb.SafeString(body) });
}
