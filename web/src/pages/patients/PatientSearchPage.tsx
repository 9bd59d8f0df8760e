import { Button, Card, DatePicker, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import type { PatientSummary } from '../../api/types';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { label, sexLabels } from '../../i18n/labels';
import { PAGE_SIZE, paramsFromQuery, queryFromParams } from './searchParams';

interface SearchForm {
  q?: string;
  department?: string;
  admitted?: [Dayjs | null, Dayjs | null] | null;
}

const DATE = 'YYYY-MM-DD';

/** Find patients by name, MRN or ID number, department and admission date. */
export function PatientSearchPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const queryKey = params.toString();
  const departments = useApi((signal) => api.departments(signal), []);
  const result = useApi((signal) => api.patients(query, signal), [queryKey]);

  const initialValues: SearchForm = {
    q: query.q,
    department: query.department,
    admitted: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
  };

  const search = (form: SearchForm) => {
    const [from, to] = form.admitted ?? [null, null];
    setParams(
      paramsFromQuery({
        q: form.q,
        department: form.department,
        from: from?.format(DATE),
        to: to?.format(DATE),
        page: 0,
        size: PAGE_SIZE,
      }),
    );
  };

  const columns: TableColumnsType<PatientSummary> = [
    { title: t('patient.mrn'), dataIndex: 'mrn', width: 140 },
    { title: t('patient.name'), dataIndex: 'name', width: 120 },
    { title: t('patient.sex'), dataIndex: 'sex', width: 80, render: (sex: PatientSummary['sex']) => label(sexLabels, lang, sex) },
    { title: t('patient.age'), dataIndex: 'age', width: 80 },
    { title: t('patient.lastDepartment'), dataIndex: 'lastDepartment' },
    { title: t('patient.lastAdmittedAt'), dataIndex: 'lastAdmittedAt', render: (at: string | null) => formatDateTime(at) },
    { title: t('patient.encounterCount'), dataIndex: 'encounterCount', width: 110, align: 'right' },
  ];

  const rowProps = (patient: PatientSummary): HTMLAttributes<HTMLElement> => {
    const props = { onClick: () => navigate(`/patients/${encodeURIComponent(patient.id)}`), 'data-testid': 'patient-row' };
    return props;
  };

  return (
    <Card title={t('menu.patients')}>
      <Form<SearchForm> layout="inline" initialValues={initialValues} onFinish={search} key={queryKey}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('search.placeholder')} style={{ width: 260 }} data-testid="patient-search-input" />
        </Form.Item>
        <Form.Item name="department">
          <Select
            allowClear
            showSearch
            placeholder={t('search.department')}
            style={{ width: 180 }}
            loading={departments.loading}
            options={(departments.data ?? []).map((name) => ({ value: name, label: name }))}
            data-testid="patient-search-department"
          />
        </Form.Item>
        <Form.Item name="admitted" label={t('search.admitted')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="patient-search-submit">
              {t('search.submit')}
            </Button>
            <Button onClick={() => setParams(new URLSearchParams())}>{t('search.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<PatientSummary>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={result.data?.items}
        loading={result.loading}
        rowClassName="clickable-row"
        onRow={rowProps}
        pagination={{
          current: query.page + 1,
          pageSize: PAGE_SIZE,
          total: result.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page) => setParams(paramsFromQuery({ ...query, page: page - 1 })),
        }}
      />
    </Card>
  );
}
