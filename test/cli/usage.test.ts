import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { initTheme } from '../../src/templates/index.js';
import { captureIO, tempDir } from '../helpers.js';

describe('bad usage of the command line', () => {
  it.each([[[]], [['templates']], [['db']]])('%j without a command prints the help on stderr and exits 2', async (args) => {
    const io = captureIO(await tempDir());
    expect(await runCli(args, io)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`^Usage: briefing${args.length ? ` ${args[0]}` : ''} \\[options\\] \\[command\\]`));
    expect(io.err()).toMatch(/Commands:/);
    expect(io.out()).toBe('');
  });

  it('asks for help with briefing help and exits 0', async () => {
    const io = captureIO(await tempDir());
    expect(await runCli(['help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: briefing \[options\] \[command\]/);
  });

  it.each([
    [['generat'], "unknown command 'generat'", 'Did you mean generate?'],
    [['generate', '--fromat', 'html'], "unknown option '--fromat'", 'Did you mean --format?'],
    [['templates', 'validat', 'x'], "unknown command 'validat'", 'Did you mean validate?'],
    [['templates', 'preview', 'x', '--wach'], "unknown option '--wach'", 'Did you mean --watch?'],
    [['db', 'chek'], "unknown command 'chek'", 'Did you mean check?'],
  ])('%j: says what is unknown, what was meant and where the usage is, on its own stderr, exit 2', async (args, unknown, meant) => {
    const io = captureIO(await tempDir());
    expect(await runCli(args, io)).toBe(2);
    expect(io.err()).toContain(`error: ${unknown}\n(${meant})\n(run with --help for usage)`);
  });
});

describe('the commands our generated documents tell users to run', () => {
  it("exist: every `briefing ...` line of a new theme's README is a command (its own --help answers)", async () => {
    const dir = await tempDir();
    const theme = await initTheme('house', { dir });
    const lines = (await readFile(join(theme.dir, 'README.md'), 'utf8')).split('\n').filter((line) => line.startsWith('briefing '));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      // The command's own help, not the program's (which an unknown command followed by --help gets).
      const words = line.split(' ').slice(1);
      const command = words.slice(0, words.findIndex((word) => /^[.-]/.test(word))).join(' ');
      const io = captureIO(dir);
      expect(await runCli([...words, '--help'], io), `${line}\n${io.err()}`).toBe(0);
      expect(io.out(), line).toMatch(new RegExp(`^Usage: briefing ${command} \\[options\\]`));
    }
  });
});
