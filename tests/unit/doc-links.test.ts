import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every local link in the README and the guides leads somewhere: a file that exists and, for a link
// to a heading, a heading of that file (GitHub's anchors: lower case, spaces as hyphens, other
// punctuation dropped).

const docs = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

function localLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
}

describe('links in the documentation', () => {
  it('works out anchors as GitHub does', () => {
    expect(anchorOf('Deploying to a static web host')).toBe('deploying-to-a-static-web-host');
    expect(anchorOf('Filters, publishing mode and exports')).toBe('filters-publishing-mode-and-exports');
  });

  it.each(docs)('every local link in %s resolves', (file) => {
    const broken: string[] = [];
    for (const href of localLinks(file)) {
      const [target = '', anchor] = href.split('#');
      const resolved = target === '' ? file : path.normalize(path.join(path.dirname(file), target));
      if (!existsSync(resolved)) broken.push(`${href} (no file ${resolved})`);
      else if (anchor && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor)) broken.push(`${href} (no heading #${anchor})`);
    }
    expect(broken).toEqual([]);
  });
});
