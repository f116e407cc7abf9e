// A small realistic day: a dock strike over three days and a snap election, from several outlets.
import type { RawDocument } from '../../src/ingest/types.js';
import { sha256Hex } from '../../src/util/hash.js';

export function doc(name: string, title: string, published: string, outlet: string, paragraphs: string[]): RawDocument {
  const text = paragraphs.join('\n\n');
  return { path: `${name}.txt`, format: 'txt', text, meta: { title, published, source: outlet }, encoding: 'utf-8', digest: sha256Hex(text) };
}

export const STRIKE_1 = doc('strike-1', 'Rotterdam dock workers walk out over automation plans', '2026-03-02', 'Harbour Wire', [
  'Thousands of dock workers at the port of Rotterdam walked off the job on Monday, halting container traffic at Europe’s largest port in a dispute over plans to automate cranes at two terminals.',
  'The FNV union said about 4,000 members joined the strike, which left dozens of ships waiting at anchor in the North Sea. Terminal operators said the automation would not cost any jobs before 2030.',
  '“Our members will not accept robots replacing them without guarantees,” said Niek Stam, the union’s lead negotiator. Shipping lines warned of delays to deliveries across the Netherlands and Germany.',
]);
export const STRIKE_2 = doc('strike-2', 'Strike shuts down Rotterdam container terminals', '2026-03-02', 'Europe Daily', [
  'Container terminals at the port of Rotterdam came to a standstill on Monday as dock workers went on strike against the automation of cranes, the FNV union said.',
  'Niek Stam, who leads the talks for the union, said the walkout would continue until terminal operators guaranteed jobs. Ships queued outside the port and freight companies began diverting cargo to Antwerp.',
  'Port officials estimated that the strike was costing the economy several million euros a day.',
]);
export const STRIKE_END = doc('strike-3', 'Rotterdam dock strike ends with job guarantee', '2026-03-05', 'Harbour Wire', [
  'Dock workers at the port of Rotterdam returned to work on Thursday after the FNV union and terminal operators agreed that automated cranes would not lead to forced redundancies until 2032.',
  'Niek Stam, the union’s negotiator, called the deal a victory for the workers who had struck since Monday. The backlog of ships waiting in the North Sea would take about a week to clear, the port said.',
]);
export const ELECTION_1 = doc('election-1', 'Dutch voters head to polls in snap election', '2026-03-02', 'Europe Daily', [
  'Voters in the Netherlands cast their ballots on Monday in a snap general election called after the collapse of the coalition government over asylum policy.',
  'Polls suggested a close race between the centre-left alliance led by Frans Timmermans and the conservative VVD. Turnout was high in Amsterdam and The Hague by midday, the electoral council said.',
  'Analysts said coalition talks could take months, as no party was expected to win more than a fifth of the 150 seats in parliament.',
]);
export const ELECTION_2 = doc('election-2', 'Timmermans claims lead as Dutch count votes', '2026-03-03', 'Continental Post', [
  'Frans Timmermans claimed his centre-left alliance had won the most seats in the Dutch snap election, as the count showed a narrow lead over the conservative VVD.',
  'The result leaves the Netherlands facing long coalition negotiations. The electoral council said the final count for the 150-seat parliament would be published on Friday.',
]);

