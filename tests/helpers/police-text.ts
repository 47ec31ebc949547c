import { readFileSync } from 'node:fs';
import { inspectFile, type InspectedFile } from '@/data/ingest/inspect-file';

const lsoa = readFileSync('data/reference/lsoa.csv', 'utf8').split('\n')[1]!.split(',')[0]!;

export const POLICE_HEADER = 'crime_ref,role,person_ref,occurred_date,occurred_time,offence_group,weapon,lsoa21cd,age,sex,self_defined_ethnicity,ppn_submitted';

/** A police extract of `bytes` bytes or a little more, every row valid (row i has the key CR<i>). */
export function policeText(bytes: number): string {
  const lines = [POLICE_HEADER];
  let size = POLICE_HEADER.length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = `CR${i},Victim,P${i},2024-03-${String((i % 28) + 1).padStart(2, '0')},12:00,Robbery,knife,${lsoa},15,M,IC1,Y`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

/** A file as the Data page inspects it; throws if it cannot be read. */
export async function inspectChosen(file: File): Promise<InspectedFile> {
  const inspection = await inspectFile(file);
  if (!inspection.ok) throw new Error(inspection.problem);
  return inspection.inspected;
}
