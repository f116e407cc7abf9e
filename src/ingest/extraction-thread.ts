/** The worker side of ExtractionThreads (extraction-threads.ts): one page's article, read on a worker thread. */
import { extractArticle, type ExtractedArticle } from './extract-html.js';

export interface ExtractionTask {
  html: string;
  url?: string;
}

export default function extractOnThread({ html, url }: ExtractionTask): ExtractedArticle {
  return extractArticle(html, url);
}
