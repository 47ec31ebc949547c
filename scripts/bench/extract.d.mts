export declare const EXTRACT_HEADER: string;
export declare function writePoliceExtract(file: string, rows: number, seed?: number): Promise<void>;
export declare function writePoliceWorkbook(csvFile: string, xlsxFile: string, options?: { numbered?: boolean }): Promise<void>;
