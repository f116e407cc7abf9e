import type { PDFObject } from 'pdf-lib';
import { onDemand } from '../util/load-on-demand.js';
import type { OutlineEntry } from './pdf-dom.js';

/** Reading Chromium's PDF back and finishing it: destinations, bookmarks, document information. */

/**
 * pdf-lib's one-file build: the same code as its ES modules (about 400 files), loaded in a fifth of the CPU time.
 * This module itself is imported only by a run that prints (render/pdf.ts).
 */
const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, ParseSpeeds } =
  onDemand<typeof import('pdf-lib')>('pdf-lib/dist/pdf-lib.js')();
type PDFArray = import('pdf-lib').PDFArray;
type PDFDict = import('pdf-lib').PDFDict;
type PDFDocument = import('pdf-lib').PDFDocument;
type PDFRef = import('pdf-lib').PDFRef;

export interface Destination {
  /** 1-based page number. */
  page: number;
  /** The explicit destination array ([page /XYZ left top zoom]), reusable by outline items. */
  array: PDFArray;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  keywords: string[];
  creator: string;
  producer: string;
  creationDate: Date;
}

function nameOf(key: PDFObject): string {
  if (key instanceof PDFName) return key.decodeText();
  if (key instanceof PDFString || key instanceof PDFHexString) return key.decodeText();
  return String(key);
}

/** Chromium's PDF as a pdf-lib document to finish. */
export async function loadChromiumPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // pdf-lib yields to the event loop every few objects by default; nothing else needs the loop here
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** Named destinations, from the catalog's /Dests dictionary (what Chromium writes) or a /Names tree. */
export function readDestinations(doc: PDFDocument): Map<string, Destination> {
  const pageNumbers = new Map<string, number>();
  doc.getPages().forEach((p, i) => pageNumbers.set(p.ref.toString(), i + 1));
  const result = new Map<string, Destination>();
  const add = (name: string, value: PDFObject | undefined) => {
    let target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (target instanceof PDFDict) target = target.lookup(PDFName.of('D'));
    if (!(target instanceof PDFArray) || target.size() === 0) return;
    const pageRef = target.get(0);
    const page = pageRef instanceof PDFRef ? pageNumbers.get(pageRef.toString()) : undefined;
    if (page === undefined) return;
    result.set(name, { page, array: target });
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    if (decoded !== name && !result.has(decoded)) result.set(decoded, { page, array: target });
  };

  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [key, value] of dests.entries()) add(nameOf(key), value);

  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const walk = (node: PDFDict, depth: number) => {
    if (depth > 32) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key) add(nameOf(key), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i += 1) walk(kids.lookup(i, PDFDict), depth + 1);
  };
  if (tree) walk(tree, 0);
  return result;
}

interface OutlineNode {
  entry: OutlineEntry;
  dest: Destination;
  ref: PDFRef;
  children: OutlineNode[];
}

/**
 * One bookmark per entry that has a destination; level-2 entries nest under the level-1 entry before
 * them (or stand at the top when there is none). Top-level items start open, their children closed.
 */
export function addOutline(doc: PDFDocument, entries: OutlineEntry[], dests: Map<string, Destination>): number {
  const context = doc.context;
  const top: OutlineNode[] = [];
  let count = 0;
  for (const entry of entries) {
    const dest = dests.get(entry.id);
    if (!dest) continue;
    const node: OutlineNode = { entry, dest, ref: context.nextRef(), children: [] };
    const parent = entry.level === 2 ? top.at(-1) : undefined;
    if (parent && parent.entry.level === 1) parent.children.push(node);
    else top.push(node);
    count += 1;
  }
  if (count === 0) return 0;

  const rootRef = context.nextRef();
  const link = (nodes: OutlineNode[], parentRef: PDFRef) => {
    nodes.forEach((node, i) => {
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), node.dest.array);
      if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1]!.ref);
      if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1]!.ref);
      if (node.children.length > 0) {
        dict.set(PDFName.of('First'), node.children[0]!.ref);
        dict.set(PDFName.of('Last'), node.children.at(-1)!.ref);
        // negative: closed, so the panel opens as a list of threads
        dict.set(PDFName.of('Count'), PDFNumber.of(-node.children.length));
        link(node.children, node.ref);
      }
      context.assign(node.ref, dict);
    });
  };
  link(top, rootRef);
  const root = context.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top[0]!.ref);
  root.set(PDFName.of('Last'), top.at(-1)!.ref);
  root.set(PDFName.of('Count'), PDFNumber.of(top.length));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return count;
}

/** The modification date is the creation date so the same briefing gives the same bytes. */
export function setMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  // pdf-lib joins keywords with spaces, which would split "interest rates" in two
  doc.setKeywords([meta.keywords.join(', ')]);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.creationDate);
  doc.setModificationDate(meta.creationDate);
}
