import { useEffect, useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { inspectFile, type Inspection } from '@/data/ingest/inspect-file';
import { warmUpCode } from '@/data/ingest/warm-up';
import { useDbStatus } from '@/data/use-db';
import { usePageFileDrop } from '@/lib/use-page-file-drop';
import { ExtractsList } from './extracts-list';
import { useExtracts } from './extracts-query';
import { useDemoPresence } from '@/data/demo-data';
import { PendingFile } from './pending-file';
import { unchangedNote } from './unchanged-note';
import { KeptPanel } from './kept-panel';
import { PartnerGuidePanel } from './partner-guide-panel';

interface Item {
  id: number;
  inspection: Inspection;
}

let nextId = 1;

export function DataPage() {
  const status = useDbStatus();
  const session = status.state === 'ready' ? status.session : undefined;
  const [items, setItems] = useState<Item[]>([]);
  const [inspecting, setInspecting] = useState(0);
  const demo = useDemoPresence();
  const extracts = useExtracts();
  const realLoaded = (extracts.data ?? []).some((x) => !x.is_demo);
  const unchanged = unchangedNote(extracts.data?.length);
  // while the user finds a file, the browser compiles DuckDB's code for a load (once per tab; see
  // warm-up.ts)
  useEffect(() => {
    if (session) void warmUpCode(session).catch(() => undefined);
  }, [session]);

  const [droppedEarly, setDroppedEarly] = useState(false);
  const addFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setDroppedEarly(!session);
    if (!session) return;
    const list = [...files];
    setInspecting((n) => n + list.length);
    for (const file of list) {
      let inspection: Inspection;
      try {
        inspection = await inspectFile(file);
      } catch (e) {
        inspection = { ok: false, file, problem: e instanceof Error ? e.message : String(e) };
      }
      setItems((xs) => [...xs, { id: nextId++, inspection }]);
      setInspecting((n) => n - 1);
    }
  };
  // files dropped anywhere on the page are read, not only on the drop zone
  const dragging = usePageFileDrop((files) => void addFiles(files));
  // another sheet of a workbook is read in the file's place
  const chooseSheet = async (item: Item, sheet: string) => {
    if (!session) return;
    const file = item.inspection.ok ? item.inspection.inspected.file : item.inspection.file;
    setInspecting((n) => n + 1);
    const inspection = await inspectFile(file, { sheet }).catch((e: unknown) => ({ ok: false as const, file, problem: e instanceof Error ? e.message : String(e) }));
    setInspecting((n) => n - 1);
    setItems((xs) => xs.map((x) => (x.id === item.id ? { id: nextId++, inspection } : x)));
  };
  const dismiss = (item: Item) => {
    setItems((xs) => xs.filter((x) => x.id !== item.id));
  };

  return (
    <>
      <PageHeader
        title="Data"
        lede="Load partner extracts (police, ambulance, emergency department, Youth Justice Service) and police.uk downloads. Files are read in this browser and never uploaded."
      />
      <section className="card" aria-label="Add files">
        <div className={`drop-zone${dragging ? ' dragging' : ''}`}>
          <label className="file-label">
            <span className="button-like primary">Choose files</span>
            <input
              type="file"
              multiple
              accept=".csv,.tsv,.txt,.parquet,.gz,.xlsx,.xls,text/csv,text/tab-separated-values"
              disabled={!session}
              onChange={(e) => {
                void addFiles(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
          <span className="muted">{dragging ? 'Drop the files anywhere on this page to read them.' : 'or drop CSV, TSV, Excel (.xlsx) or Parquet files on this page, gzip-compressed or not. Several at once is fine.'}</span>
        </div>
        {inspecting > 0 && <p role="status">Reading {inspecting} file(s)…</p>}
        {droppedEarly && status.state === 'starting' && (
          <p role="status" className="warn-text">
            The database is still starting: drop the files again once the top bar says it is ready.
          </p>
        )}
      </section>

      {items.map((item) =>
        item.inspection.ok ? (
          <PendingFile
            key={item.id}
            inspected={item.inspection.inspected}
            session={session}
            onDismiss={() => dismiss(item)}
            onChooseSheet={(sheet) => void chooseSheet(item, sheet)}
          />
        ) : (
          <article key={item.id} className="card" aria-label={`File ${item.inspection.file.name}`}>
            <div role="alert" className="error-box">
              <strong>{item.inspection.file.name} cannot be loaded.</strong> {item.inspection.problem}
              {unchanged && ` ${unchanged}`}
            </div>
            <button type="button" className="link-button" onClick={() => dismiss(item)}>
              Dismiss
            </button>
          </article>
        ),
      )}

      {demo.loaded && realLoaded && (
        <section className="card warn-box" aria-label="Demo data still loaded">
          <p>
            <strong>The synthetic demo data is still loaded alongside your extracts</strong>, so every view mixes the two.
          </p>
          <button type="button" className="primary" onClick={() => void demo.remove()}>
            Remove the demo data
          </button>
        </section>
      )}

      <section className="card" aria-labelledby="loaded-heading">
        <h2 id="loaded-heading">Loaded extracts</h2>
        <ExtractsList />
      </section>
      <KeptPanel />
      <PartnerGuidePanel />
    </>
  );
}
