import { Descriptions, Table, type TableColumnsType } from 'antd';
import type { Exam } from '../../../api/types';
import { compareTime } from '../../../format';
import { examKindLabels, label } from '../../../i18n/labels';
import { codeName } from '../codes';
import { useRecord } from '../RecordContext';
import { tabTable, useColumns } from './columns';

/** Examination reports; each row expands to its full findings and conclusion. */
export function ExamsTab() {
  const { record } = useRecord();
  const { encounter, time, text, provenance, t, lang } = useColumns<Exam>();
  const rows = [...record.exams].sort((a, b) => compareTime(b.examinedAt, a.examinedAt));
  const columns: TableColumnsType<Exam> = [
    encounter,
    { title: t('col.kind'), dataIndex: 'kind', width: 80, render: (kind: Exam['kind']) => label(examKindLabels, lang, kind) },
    { title: t('col.item'), key: 'item', render: (_, row) => codeName(row.item) },
    text('bodySite', 'col.bodySite', 100),
    { ...text('conclusion', 'col.conclusion'), ellipsis: true },
    time('examinedAt', 'col.examinedAt', true),
    time('reportedAt', 'col.reportedAt'),
    provenance,
  ];
  return (
    <Table<Exam>
      {...tabTable}
      columns={columns}
      dataSource={rows}
      expandable={{
        expandedRowRender: (row) => (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('col.findings')}>
              <div className="document-text">{row.findings}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('col.conclusion')}>
              <div className="document-text">{row.conclusion}</div>
            </Descriptions.Item>
          </Descriptions>
        ),
      }}
    />
  );
}
