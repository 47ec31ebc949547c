export declare const DEMO_SEED: number;
export declare const START_MONTH: string;
export declare const END_MONTH: string;
export interface DemoFiles {
  police: string;
  ambulance: string;
  ed: string;
  yjs: string;
}
export declare function generateDemo(input: {
  lsoas: Record<string, string>[];
  ethnicity: Record<string, string>[];
  boundaries: { features: { properties: { code: string }; geometry: unknown }[] };
  seed?: number;
}): { files: DemoFiles; counts: Record<keyof DemoFiles, number> };
