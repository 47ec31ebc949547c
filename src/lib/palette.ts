// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const CATEGORICAL = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'] as const;

export const SOURCE_COLOURS: Record<string, string> = {
  police: '#0072B2',
  ambulance: '#D55E00',
  ed: '#009E73',
  yjs: '#CC79A7',
  stop_search: '#E69F00',
  street_crime: '#56B4E9',
};

export const SPC_COLOURS = { concern: '#D55E00', improvement: '#0072B2', normal: '#6b7280', limit: '#6b7280', mean: '#1c2430' } as const;
