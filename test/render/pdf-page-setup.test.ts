import { describe, expect, test } from 'vitest';
import { footerTemplate } from '../../src/render/pdf-page-setup.js';

describe('footerTemplate', () => {
  test('only {page} and {total} become page-number slots; every other piece of the label is escaped text', () => {
    const footer = footerTemplate('As of 06:00', '{page} page {total} (constructor) <b>');
    expect(footer).toContain('<span class="pageNumber"></span> page <span class="totalPages"></span> (constructor) &#60;b&#62;');
    expect(footer).not.toContain('native code');
    expect(footer.match(/class="pageNumber"/g)).toHaveLength(1);
  });
});
