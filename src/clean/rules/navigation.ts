import { isAllCapitalized, words } from '../text.js';

const SECTION_WORDS = new Set(
  `world news politics business economy markets money finance sport sports football soccer opinion opinions comment
  analysis science tech technology culture arts art entertainment lifestyle life style fashion health wellness travel
  food society environment climate education media video videos photos gallery galleries podcasts podcast home latest
  local national international region regions europe asia africa americas middle east incidents animal animals weather
  obituaries crime law justice investigations features reviews books music film movies tv television games gaming auto
  autos cars property jobs careers religion faith royals celebrity celebrities lottery puzzles crosswords horoscopes
  newsletters contact about advertise privacy terms search menu more live breaking trending topics sections editorial
  editorials letters columnists blogs magazine interviews explainers defence defense security military diplomacy energy
  elections us uk regional metro nation states global shop deals subscribe login`.split(/\s+/).filter(Boolean),
);

// Dashes are left out: prose and headlines use them between short phrases too.
const SEPARATORS = /\s(?:\||•|·|›|»|\/)\s/;

/** Navigation and section menus: runs of short capitalized section names, or items split by | • › /. */
export function isNavigation(line: string): boolean {
  if (line.length > 200) return false;
  if (SEPARATORS.test(line)) {
    const items = line.split(SEPARATORS).map((s) => s.trim()).filter(Boolean);
    if (items.length >= 3 && items.every((item) => words(item).length <= 3 && !/[.!?]$/.test(item))) return true;
  }
  if (/[.,;:!?'’"“”()]/.test(line) || !isAllCapitalized(line)) return false;
  const list = words(line);
  const sections = list.filter((w) => SECTION_WORDS.has(w.toLowerCase())).length;
  // One or two words must all be section names ("World", "Middle East"); a longer menu mostly so.
  if (list.length <= 2) return sections === list.length;
  return sections / list.length >= 0.6;
}
