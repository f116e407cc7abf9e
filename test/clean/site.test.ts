import { describe, expect, it } from 'vitest';
import { normalizeOutlet, stripSiteName } from '../../src/clean/site.js';

describe('stripSiteName', () => {
  it('cuts a first or last segment that names the page\'s site (its metadata name or its address)', () => {
    expect(stripSiteName('Rubio meets Lavrov in Malaysia - Reuters', { outlet: 'Reuters', url: null })).toBe('Rubio meets Lavrov in Malaysia');
    expect(stripSiteName('Nadal keeps Spain alive - Sportsnet.ca', { outlet: null, url: 'https://www.sportsnet.ca/tennis/x' })).toBe('Nadal keeps Spain alive');
    expect(stripSiteName('New York man pleads guilty | TheHill', { outlet: 'TheHill | The Hill', url: null })).toBe('New York man pleads guilty');
    expect(stripSiteName('Reuters - Rubio meets Lavrov in Malaysia', { outlet: 'Reuters', url: null })).toBe('Rubio meets Lavrov in Malaysia');
  });

  it('without evidence, cuts only a short name after a pipe', () => {
    expect(stripSiteName('Rubio meets Lavrov in Malaysia | The Independent', { outlet: null, url: null })).toBe('Rubio meets Lavrov in Malaysia');
    expect(stripSiteName('Star Wars Jedi: Fallen Order review – shoots for the moon', { outlet: null, url: null })).toBe('Star Wars Jedi: Fallen Order review – shoots for the moon');
    expect(stripSiteName('Opinion | Republicans Are Following Trump to Nowhere', { outlet: 'nytimes.com', url: null })).toBe('Opinion | Republicans Are Following Trump to Nowhere');
    expect(stripSiteName('Talks stall - again', { outlet: null, url: null })).toBe('Talks stall - again');
  });
});

describe('normalizeOutlet', () => {
  it('keeps the site\'s name as it writes it and gives up platform names and address slugs', () => {
    expect(normalizeOutlet('TheHill | The Hill', 'https://thehill.com/x')).toBe('The Hill');
    expect(normalizeOutlet('The Jerusalem Post | JPost.com', 'https://www.jpost.com/x')).toBe('The Jerusalem Post');
    expect(normalizeOutlet('Blogger', 'https://example.blogspot.com/x')).toBeNull();
    expect(normalizeOutlet('nj', 'https://www.nj.com/x')).toBeNull();
    expect(normalizeOutlet('BBC News', null)).toBe('BBC News');
    expect(normalizeOutlet('Marks &amp; Spencer News', null)).toBe('Marks & Spencer News');
  });
});
