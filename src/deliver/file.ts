import { writeFileSet } from '../util/write-set.js';
import { DeliveryFailure, type Channel, type SendJob, type SendResult } from './types.js';

export const DEFAULT_FILE_PATTERN = '{edition}-{date}.{ext}';

/** A file name from the pattern: `{edition}`, `{date}`, `{ext}` and `{name}` (the output's name without extension). */
export function fileNameFor(pattern: string, values: { edition: string; date: string; filename: string }): string {
  const dot = values.filename.lastIndexOf('.');
  const ext = dot >= 0 ? values.filename.slice(dot + 1) : '';
  const name = dot >= 0 ? values.filename.slice(0, dot) : values.filename;
  const result = pattern.replace(/\{(edition|date|ext|name)\}/g, (_, token: string) => {
    const value = ({ edition: values.edition, date: values.date, ext, name } as Record<string, string>)[token]!;
    // Values come from configuration and the renderer, but a slash in an edition name must not leave the folder.
    return value.replace(/[\\/]/g, '-');
  });
  if (result.includes('/') || result.includes('\\') || result === '.' || result === '..' || result === '') {
    throw new DeliveryFailure(`file name pattern "${pattern}" gives "${result}"; use a plain file name such as ${DEFAULT_FILE_PATTERN}`, true);
  }
  return result;
}

/** The file channel: every output copied into the folder under the pattern's name, written as one all-or-nothing set. */
export function createFileChannel(): Channel {
  return {
    async send(job: SendJob): Promise<SendResult> {
      const recipient = job.recipient;
      if (recipient.channel !== 'file') throw new DeliveryFailure(`file channel given a ${recipient.channel} recipient`, true);
      const pattern = recipient.pattern ?? DEFAULT_FILE_PATTERN;
      const names = job.edition.outputs.map((o) => fileNameFor(pattern, { edition: job.edition.edition, date: job.edition.briefing.date, filename: o.filename }));
      if (new Set(names).size !== names.length) {
        throw new DeliveryFailure(`file name pattern "${pattern}" gives the same name to two outputs; include {ext}`, true);
      }
      let written: string[];
      try {
        // One set, all or nothing, as the edition's own outputs: a reader of the folder never sees a mixed day.
        written = await writeFileSet(recipient.dir, job.edition.outputs.map((output, i) => ({ filename: names[i]!, content: output.content })));
      } catch (error) {
        const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException).code;
        // A full disk or a vanished mount may recover; a missing permission will not.
        const permanent = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR';
        throw new DeliveryFailure(`${(error as Error).message} Check that the folder is writable.`, permanent, { cause: error });
      }
      return { detail: `wrote ${written.join(', ')}` };
    },
  };
}
