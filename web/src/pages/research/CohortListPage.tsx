import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { cohortApi, type SavedCohortSummary } from '../../api/cohorts';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';

/** Saved cohorts, latest version of each; a row opens the cohort. */
export default function CohortListPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const cohorts = useApi((signal) => cohortApi.list(signal), []);
  return (
    <Card
      title={t('menu.cohorts')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/research/cohorts/new')} data-testid="cohort-new">
          {t('cohort.new')}
        </Button>
      }
    >
      <Table<SavedCohortSummary>
        rowKey="id"
        loading={cohorts.loading}
        dataSource={cohorts.data ?? []}
        data-testid="cohort-list"
        columns={[
          {
            title: t('cohort.name'),
            dataIndex: 'name',
            render: (name: string, c) => <Link to={`/research/cohorts/${encodeURIComponent(c.id)}`}>{name}</Link>,
          },
          { title: 'ID', dataIndex: 'id', width: 150 },
          { title: t('cohort.version'), dataIndex: 'version', width: 80 },
          { title: t('cohort.createdBy'), dataIndex: 'created_by', width: 140 },
          { title: t('cohort.createdAt'), dataIndex: 'created_at', width: 170, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
