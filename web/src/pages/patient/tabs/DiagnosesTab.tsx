import { Table, Tag, type TableColumnsType } from 'antd';
import type { Diagnosis } from '../../../api/types';
import { compareTime } from '../../../format';
import { diagnosisKindLabels, label } from '../../../i18n/labels';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

/** Diagnoses with their standard (ICD-10) code and name next to the hospital's local code. */
export function DiagnosesTab() {
  const { record } = useRecord();
  const { encounter, time, provenance, t, lang } = useColumns<Diagnosis>();
  const rows = [...record.diagnoses].sort((a, b) => compareTime(b.diagnosedAt, a.diagnosedAt));
  const columns: TableColumnsType<Diagnosis> = [
    encounter,
    {
      title: t('col.kind'),
      key: 'kind',
      width: 130,
      render: (_, row) => (
        <>
          {label(diagnosisKindLabels, lang, row.kind)}
          {row.main && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('col.main')}</Tag>}
        </>
      ),
    },
    { title: t('col.standardCode'), key: 'stdCode', width: 110, render: (_, row) => row.code.standard?.code ?? '' },
    { title: t('col.standardName'), key: 'stdName', render: (_, row) => row.code.standard?.display ?? '' },
    { title: t('col.localCode'), key: 'localCode', width: 110, render: (_, row) => row.code.local.code },
    { title: t('col.localName'), key: 'localName', render: (_, row) => row.code.local.display },
    time('diagnosedAt', 'col.diagnosedAt'),
    provenance,
  ];
  return <Table<Diagnosis> {...tabTable} columns={columns} dataSource={rows} />;
}
