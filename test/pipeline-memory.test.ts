// What the engine keeps in memory between its stages: a day of many thousand articles must not hold every input twice.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import type { RawDocument } from '../src/ingest/types.js';
import { generateBriefing } from '../src/pipeline.js';
import { seedsDir } from './helpers.js';

// Each document handed to the cleaner is watched: the registry's callback runs once the document has been collected.
const watched = vi.hoisted(() => {
  const state = { handed: 0, collected: 0 };
  return { state, registry: new FinalizationRegistry<number>(() => state.collected++) };
});

vi.mock('../src/clean/index.js', async (importOriginal) => {
  const clean = await importOriginal<typeof import('../src/clean/index.js')>();
  return {
    ...clean,
    cleanHandedOver: (documents: RawDocument[], options?: Parameters<typeof clean.cleanHandedOver>[1]) => {
      for (const document of documents) watched.registry.register(document, watched.state.handed++);
      return clean.cleanHandedOver(documents, options);
    },
  };
});

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('generateBriefing and memory', () => {
  it('lets the documents read go once they are cleaned, before grouping', async () => {
    await generateBriefing({
      date: '2025-07-11',
      timezone: 'UTC',
      inputs: [seedsDir],
      // The only collection the documents can be caught by: later ones would find them let go with the whole run.
      onStage: (event) => event.stage === 'group' && event.phase === 'start' && collectGarbage(),
    });
    // Finalization callbacks run on a later turn of the event loop.
    await nextTurn();
    await nextTurn();
    expect(watched.state.handed).toBeGreaterThan(3);
    expect(watched.state.collected).toBe(watched.state.handed);
  });
});
