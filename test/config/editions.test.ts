import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/index.js';
import { tempDir } from '../helpers.js';

const base = `
sources:
  - { name: desk, kind: path, location: articles/ }
  - { name: wire, kind: feed, location: "https://x.example/rss" }
`;

const edition = (extra = '', schedule = 'cron: "0 6 * * 1-5", timezone: Europe/London') => `${base}
editions:
  - name: morning
    schedule: { ${schedule} }
${extra}`;

function problem(text: string): string {
  try {
    parseConfigText(text, '/somewhere/briefing.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('editions in the configuration', () => {
  it('loads a full edition with its defaults, paths next to the file, and the environment\'s secrets', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'briefing.config.yaml'),
      `${base}
database: state/db.sqlite
outDir: public
smtp: { host: 127.0.0.1, port: 2525, from: "Brief <b@example.org>", user: fileuser, pass: filepass }
editions:
  - name: morning
    title: Morning Brief
    schedule: { cron: "30 6 * * *", timezone: Europe/Berlin }
    sources: [desk]
    filters: { include: [strike], exclude: [sponsored], entities: [FNV], outlets: [Harbour Gazette] }
    theme: default
    paper: letter
    formats: [json, md]
    window: { hours: 36 }
    editorNote: "Hello **readers**"
    staleAfterDays: 2
    deliver:
      - { channel: file, dir: drop/ }
      - { channel: email, recipients: [a@example.org, b@example.org] }
      - { channel: webhook, url: "https://hooks.example/brief" }
  - name: evening
    schedule: { cron: "0 18 * * *", timezone: UTC }
`,
    );
    const config = await loadConfig({ cwd: dir, env: { BRIEFING_WEBHOOK_SECRET: 's3cret', BRIEFING_SMTP_PASS: 'envpass' } });
    expect(config.database).toBe(join(dir, 'state/db.sqlite'));
    expect(config.outDir).toBe(join(dir, 'public'));
    expect(config.delivery.journalDir).toBe(join(dir, 'state/outbox-journal'));
    expect(config.delivery.email).toMatchObject({ host: '127.0.0.1', port: 2525, user: 'fileuser', pass: 'envpass', secure: false });
    const [morning, evening] = config.editions;
    expect(morning).toEqual({
      name: 'morning',
      title: 'Morning Brief',
      schedule: { cron: '30 6 * * *', timezone: 'Europe/Berlin' },
      sources: ['desk'],
      filters: { include: ['strike'], exclude: ['sponsored'], entities: ['FNV'], outlets: ['Harbour Gazette'] },
      theme: 'default',
      paper: 'letter',
      formats: ['json', 'md'],
      windowHours: 36,
      editorNote: 'Hello **readers**',
      staleAfterDays: 2,
      minStories: 1,
      onSourceFailure: 'warn',
      threadsInFull: 40,
      recipients: [
        { channel: 'file', dir: join(dir, 'drop') },
        { channel: 'email', to: 'a@example.org' },
        { channel: 'email', to: 'b@example.org' },
        { channel: 'webhook', url: 'https://hooks.example/brief', secret: 's3cret' },
      ],
    });
    expect(evening).toMatchObject({ name: 'evening', formats: ['html', 'pdf', 'json'], paper: 'a4', recipients: [], filters: { include: [] } });
    expect(evening!.sources).toBeUndefined();
  });

  it('shows threadsInFull threads in full: the top-level value for every edition, an edition\'s own for that edition', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), `threadsInFull: 12\n${edition('    threadsInFull: 5')}\n  - name: evening\n    schedule: { cron: "0 18 * * *", timezone: UTC }\n`);
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.editionDefaults.threadsInFull).toBe(12);
    expect(config.editions.map((e) => [e.name, e.threadsInFull])).toEqual([['morning', 5], ['evening', 12]]);
    expect((await loadConfig({ cwd: await tempDir(), env: {} })).editionDefaults.threadsInFull).toBe(40);
    expect(problem(edition('    threadsInFull: -1'))).toMatch(/threadsInFull/);
    expect(problem(`threadsInFull: many\n${base}`)).toMatch(/threadsInFull/);
  });

  it('defaults the database and the output folder under the working directory', async () => {
    const dir = await tempDir();
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.database).toBe(join(dir, 'data/briefing.sqlite'));
    expect(config.outDir).toBe(join(dir, 'out'));
    expect(config.editions).toEqual([]);
  });

  it.each([
    [edition('', 'cron: "0 25 * * *", timezone: UTC'), /^briefing\.config\.yaml: editions\[0\]\.schedule\.cron: Invalid cron expression "0 25 \* \* \*" in this edition: .*Use five fields/],
    [edition('', 'cron: "0 6 * *", timezone: UTC'), /editions\[0\]\.schedule\.cron: Invalid cron expression "0 6 \* \*" in this edition: expected 5 or 6 fields, got 4/],
    [edition('', 'cron: "0 6 * * *", timezone: Europe/Lundon'), /editions\[0\]\.schedule\.timezone: Unknown time zone "Europe\/Lundon" in this edition\. Use an IANA zone name such as "Europe\/London"/],
    [edition('', 'cron: "0 6 * * *"'), /editions\[0\]\.schedule\.timezone: missing; it is required\./],
    [`${base}editions:\n  - name: morning\n`, /editions\[0\]\.schedule: missing; it is required\. Give schedule: \{ cron: "0 6 \* \* \*", timezone: Europe\/London \}\./],
    [edition('    sources: [desk, nope]\n'), /editions\[0\]\.sources\[1\]: no top-level source is named "nope"; known sources: desk, wire/],
    [edition('    formats: [html, docx]\n'), /editions\[0\]\.formats\[1\]: expected one of html, pdf, json, md; got "docx"\. Use html, pdf, json or md\./],
    [edition('    paper: a3\n'), /editions\[0\]\.paper: expected one of a4, letter; got "a3"/],
    [edition('    window: { hours: -1 }\n'), /editions\[0\]\.window\.hours: must be greater than 0; got -1/],
    [edition('    window: { days: 1 }\n'), /editions\[0\]\.window\.days: unknown key\. Check the spelling; the keys are listed in the README under "Configuration"/],
    [edition('    colour: red\n'), /editions\[0\]\.colour: unknown key/],
    [edition('    filters: { include: strike }\n'), /editions\[0\]\.filters\.include: expected a list; got "strike"/],
    [edition('    deliver: [{ channel: fax, number: "123" }]\n'), /editions\[0\]\.deliver\[0\]\.channel: expected one of file, email, webhook; got "fax"\. Use file \(dir:\), email \(recipients:\) or webhook \(url:, secret:\)\./],
    [edition('    deliver: [{ channel: file }]\n'), /editions\[0\]\.deliver\[0\]\.dir: missing; it is required/],
    [edition('    deliver: [{ channel: webhook, url: "ftp://x", secret: s }]\n'), /editions\[0\]\.deliver\[0\]\.url: must be an http:\/\/ or https:\/\/ URL/],
    [edition('    deliver: [{ channel: email, recipients: [desk@example.org] }]\n'), /editions\[0\]\.deliver\[0\]\.channel: e-mail delivery needs an smtp: section/],
    [edition('    staleAfterDays: 0\n'), /editions\[0\]\.staleAfterDays: must be at least 1; got 0/],
    [`${edition()}  - name: morning\n    schedule: { cron: "0 7 * * *", timezone: UTC }\n`, /editions\[1\]\.name: "morning" is already the name of editions\[0\]; names must be unique/],
    [`${base}editions:\n  - name: "my edition"\n    schedule: { cron: "0 7 * * *", timezone: UTC }\n`, /editions\[0\]\.name: use letters, digits, - and _ only/],
    ['smtp: { host: x }\n', /smtp\.from: missing; it is required/],
    ['database: ""\n', /database: must not be empty/],
  ])('names the file, the key and the fix: %#', (text, message) => {
    expect(problem(text)).toMatch(message);
  });

  it('refuses a webhook without a secret in the file or the environment, and takes it from BRIEFING_WEBHOOK_SECRET', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'briefing.config.yaml'), edition('    deliver: [{ channel: webhook, url: "https://h.example/x" }]\n'));
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(
      /briefing\.config\.yaml: editions\[0\]\.deliver\[0\]\.secret: missing; .*BRIEFING_WEBHOOK_SECRET/,
    );
    const config = await loadConfig({ cwd: dir, env: { BRIEFING_WEBHOOK_SECRET: 'from-env' } });
    expect(config.editions[0]!.recipients).toEqual([{ channel: 'webhook', url: 'https://h.example/x', secret: 'from-env' }]);
  });
});
