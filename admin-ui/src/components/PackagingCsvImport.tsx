/**
 * Packaging as a spreadsheet (docs/packaging-csv.md): upload a CSV; if any row is wrong nothing is applied
 * and every problem is listed with its line, so the merchant can fix the file in one pass. In a
 * read-only region (a viewer: importing needs an admin) only the download is offered.
 */
import type { CsvImportResult } from '../../../core/wire/admin-api-types';
import { PACKAGING_CSV_HEADER } from '../../../core/wire/vocabulary';
import { useState } from 'react';
import { isApiError } from '../api/api-error';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { DataTable } from '../ui/DataTable';
import { FileDrop } from '../ui/FileDrop';
import { Stack, Row } from '../ui/Stack';
import { Text, Code } from '../ui/Text';
import { ErrorBanner } from './ErrorBanner';
import { EditOnly } from '../ui/ReadOnly';

const MAX_BYTES = 5 * 1024 * 1024;
const HEADER = PACKAGING_CSV_HEADER.join(',');

export function PackagingCsvImport({ onImported }: { onImported: (result: CsvImportResult) => void }) {
  const { api } = useAdmin();
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<CsvImportResult | undefined>(undefined);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useAction(api.packaging.importCsv);
  const onFile = async (file: File) => {
    setFileName(file.name);
    setResult(undefined);
    setTooLarge(file.size > MAX_BYTES);
    if (file.size > MAX_BYTES) return;
    const imported = await upload.run(await file.text());
    if (imported) {
      setResult(imported);
      onImported(imported);
    }
  };

  return (
    <Stack gap="300">
      <Text>
        One row per package. The header is <Code>{HEADER}</Code>; other units work too (<Code>weight_g</Code>,{' '}
        <Code>length_mm</Code>…). If any row has a problem, nothing is imported.
      </Text>
      <EditOnly>
        <FileDrop
          label="Packaging CSV file"
          accept=".csv,text/csv,text/plain"
          hint="or drop a .csv file here (up to 5 MB)"
          onFile={(file) => void onFile(file)}
          disabled={upload.pending}
        />
      </EditOnly>
      {upload.pending ? <Text tone="subdued">Checking {fileName}…</Text> : null}
      {tooLarge ? (
        <Banner tone="critical" title="That file is larger than 5 MB">
          Split the catalogue into several files and upload them one by one; each import adds to the others.
        </Banner>
      ) : null}
      {upload.error ? <ImportProblems error={upload.error} fileName={fileName} /> : null}
      {result ? (
        <Banner tone="success" title={`Imported ${fileName ?? 'the file'}`}>
          {result.rows} rows read; packaging saved for {result.imported} product
          {result.imported === 1 ? '' : 's'}.
        </Banner>
      ) : null}
      <CsvExport />
    </Stack>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why the file was refused: the message, and each problem on its file line. */
function ImportProblems({ error, fileName }: { error: unknown; fileName: string | undefined }) {
  const lineProblems = isApiError(error) ? error.details : [];
  return (
    <Stack gap="200">
      <ErrorBanner error={error} showDetails={false} />
      {lineProblems.length > 0 ? (
        <section aria-label={`Problems in ${fileName ?? 'the file'}`}>
          <DataTable
            headings={['Line', 'Problem']}
            rows={lineProblems.map((problem) => [
              problem.path ? capitalise(problem.path) : '—',
              problem.message,
            ])}
          />
        </section>
      ) : null}
    </Stack>
  );
}

/** The current packaging as a CSV download, in the format the import reads. */
function CsvExport() {
  const { api } = useAdmin();
  const exporting = useAction(async () => {
    const blob = await api.packaging.exportCsv();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'packaging.csv';
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return (
    <>
      <Row>
        <Button onClick={() => void exporting.run()} loading={exporting.pending}>
          Download current packaging (CSV)
        </Button>
      </Row>
      <ErrorBanner error={exporting.error} />
    </>
  );
}
