import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/index.js';
import { captureIO, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function project(config: string): Promise<string> {
  const dir = await tempDir('briefing-config-checks-');
  dirs.push(dir);
  await writeFile(join(dir, 'briefing.config.yaml'), config);
  return dir;
}

const withEdition = (extra: string) => `
smtp: { host: 127.0.0.1, port: 2525, from: "Brief <b@example.org>" }
sources:
  - { name: desk, kind: path, location: articles/ }
editions:
  - name: morning
    schedule: { cron: "0 6 * * *", timezone: UTC }
${extra}`;

function problem(text: string): string {
  try {
    parseConfigText(text, '/somewhere/briefing.config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('e-mail recipients in the configuration', () => {
  it.each([
    ['"x@y.z\\r\\nBcc: other@example.org"', /recipients\[0\]: "x@y\.z\\r\\nBcc: other@example\.org" contains a line break or another control character: give one e-mail address such as desk@example\.org/],
    ['"@"', /recipients\[0\]: "@" is not a valid address: give one e-mail address/],
    ['"desk@"', /recipients\[0\]: "desk@" is not a valid address/],
    ['"a@example.org, b@example.org"', /recipients\[0\]: "a@example\.org, b@example\.org" is more than one address/],
    ['"list: a@example.org;"', /recipients\[0\]: "list: a@example\.org;" is an address group, not one address/],
    ['"x y@example.org"', /recipients\[0\]: "x y@example\.org" is not written as an address/],
  ])('refuses %s with a usage error naming the key', (recipient, message) => {
    const text = withEdition(`    deliver: [{ channel: email, recipients: [ok@example.org, ${recipient}] }]\n`).replace('[ok@example.org, ', '[');
    expect(problem(text)).toMatch(new RegExp(`^briefing\\.config\\.yaml: editions\\[0\\]\\.deliver\\[0\\]\\.${message.source}`));
  });

  it('takes plain addresses and "Name <address>"', () => {
    const text = withEdition('    deliver: [{ channel: email, recipients: [desk@example.org, "Desk Editor <editor@news.example.co.uk>", "o\'neil+brief@例え.jp"] }]\n');
    expect(() => parseConfigText(text, '/somewhere/briefing.config.yaml')).not.toThrow();
  });
});

describe('the other addresses in the configuration are checked the same way', () => {
  it('refuses an alert address with a line break', () => {
    const text = withEdition('').replace('editions:', 'alerts: { email: ["ops@example.org\\r\\nBcc: x@example.org"] }\neditions:');
    expect(problem(text)).toMatch(/alerts\.email\[0\]: .* contains a line break/);
  });

  it('refuses a sender that is not one address', () => {
    const text = withEdition('').replace('from: "Brief <b@example.org>"', 'from: "a@example.org, b@example.org"');
    expect(problem(text)).toMatch(/smtp\.from: .* is more than one address/);
  });
});

describe('edition themes are checked when the configuration loads', () => {
  it('refuses an edition whose theme does not exist, naming the edition key', async () => {
    const dir = await project(withEdition('    theme: no-such-theme\n'));
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(
      /^briefing\.config\.yaml: editions\[0\]\.theme: Unknown theme "no-such-theme": it is neither a built-in theme nor a folder\. Available themes: .*default/,
    );
  });

  it('refuses an edition whose theme has a template syntax error, through the command line as a usage error', async () => {
    const dir = await project(withEdition('    theme: ./themes/broken\n'));
    await mkdir(join(dir, 'themes', 'broken'), { recursive: true });
    await writeFile(join(dir, 'themes', 'broken', 'theme.json'), JSON.stringify({ name: 'broken', extends: 'default' }));
    await writeFile(join(dir, 'themes', 'broken', 'layout.hbs'), '<html>{{#each threads}}</html>');
    const io = captureIO(dir);
    const code = await runCli(['generate', '--edition', 'morning', '--no-deliver'], io);
    expect(code, io.err()).toBe(2);
    expect(io.err()).toMatch(/^briefing: briefing\.config\.yaml: editions\[0\]\.theme: Theme "broken": template error in .*layout\.hbs:1:7: The \{\{#each\}\} opened at line 1, column 7 is never closed/);
    expect(io.err()).not.toMatch(/^\s+at /m);
  });

  it('loads an edition with a built-in theme', async () => {
    const dir = await project(withEdition('    theme: default\n'));
    expect((await loadConfig({ cwd: dir, env: {} })).editions[0]!.theme).toBe('default');
  });
});

describe('a YAML alias bomb in the configuration', () => {
  // Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  }
  const bomb = `${lines.join('\n')}\n`;

  it('is a usage error that says what is wrong, not a stack trace', async () => {
    expect(problem(bomb)).toBe(
      'briefing.config.yaml: cannot be read: its aliases (*name) expand to too many values (an alias "bomb"). ' +
        'Write the values out, or use fewer anchors (&name) and aliases (*name).',
    );
    const dir = await project(bomb);
    const io = captureIO(dir);
    expect(await runCli(['generate', '--format', 'json'], io)).toBe(2);
    expect(io.err()).toMatch(/^briefing: briefing\.config\.yaml: cannot be read: its aliases/);
    expect(io.err()).not.toMatch(/unexpected error|^\s+at /m);
  });

  it('still reads a configuration that uses a few anchors and aliases', () => {
    const text = `${withEdition('    deliver: [{ channel: email, recipients: &team [desk@example.org] }]\n')}  - name: evening\n    schedule: { cron: "0 18 * * *", timezone: UTC }\n    deliver: [{ channel: email, recipients: *team }]\n`;
    expect(parseConfigText(text, '/somewhere/briefing.config.yaml').editions![1]!.deliver).toEqual([{ channel: 'email', recipients: ['desk@example.org'] }]);
  });
});
