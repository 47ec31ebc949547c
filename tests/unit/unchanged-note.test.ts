import { describe, expect, it } from 'vitest';
import { unchangedNote } from '@/features/data/unchanged-note';

describe('unchangedNote', () => {
  it('tells the user their loaded data is as it was only when some is loaded', () => {
    expect(unchangedNote(0)).toBe('');
    expect(unchangedNote(1)).toBe('Nothing already loaded was changed.');
    expect(unchangedNote(3)).toBe('Nothing already loaded was changed.');
  });

  it('says it while the list of extracts is still being read', () => {
    expect(unchangedNote(undefined)).toBe('Nothing already loaded was changed.');
  });
});
