/**
 * The sentence a file's error ends with, that what was loaded before is as it was: said only when
 * something is loaded (the demo counts), and also while the list of extracts is not known yet.
 */
export function unchangedNote(loadedExtracts: number | undefined): string {
  return loadedExtracts === 0 ? '' : 'Nothing already loaded was changed.';
}
