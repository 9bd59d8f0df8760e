import { Card, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/api';
import type { AuditEntry } from '../../api/types';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';

const PAGE_SIZE = 50;

/** The append-only audit log of patient-data access (administrators only). */
export default function AuditPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(0);
  const { data, loading } = useApi((signal) => api.audit(page, PAGE_SIZE, signal), [page]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('col.seq'), dataIndex: 'seq', width: 80 },
    { title: t('col.at'), dataIndex: 'at', width: 170, render: (at: string) => formatDateTime(at) },
    { title: t('col.user'), dataIndex: 'username', width: 120 },
    { title: t('col.action'), dataIndex: 'action', width: 150 },
    {
      title: t('col.patientId'),
      dataIndex: 'patientId',
      width: 120,
      render: (id: string | null) => (id ? <Link to={`/patients/${encodeURIComponent(id)}`}>{id}</Link> : null),
    },
    { title: t('col.endpoint'), dataIndex: 'endpoint', ellipsis: true },
    { title: t('col.detail'), dataIndex: 'detail', ellipsis: true },
    {
      title: t('col.hash'),
      dataIndex: 'hash',
      width: 130,
      render: (hash: string) => (
        <Tooltip title={<code>{hash}</code>}>
          <Typography.Text code>{hash.slice(0, 12)}</Typography.Text>
        </Tooltip>
      ),
    },
  ];

  return (
    <Card title={t('audit.title')}>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        pagination={{
          current: page + 1,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (next) => setPage(next - 1),
        }}
      />
    </Card>
  );
}
