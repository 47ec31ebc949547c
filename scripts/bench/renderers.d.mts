export interface Renderer {
  rss: number;
  hwm: number;
  ui: boolean;
}
export declare function tabRenderer(list: readonly Renderer[]): Renderer | null;
