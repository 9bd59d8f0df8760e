import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/api';
import { ApiError } from '../../api/client';
import { VTE_ACK_ROLES, vteApi, type VteAlert, type VteAlertFilter } from '../../api/vte';
import { useAuth } from '../../auth/AuthContext';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { openLabel, vteAlertStatusLabels } from '../../i18n/labels';
import { alertText } from './alertText';
import { AlertKindTag } from './VteTags';

const FILTERS: VteAlertFilter[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'ALL'];

/** Common reasons offered as quick picks, per alert kind (any kind gets the general ones too). */
const QUICK_REASONS: Record<string, MessageKey[]> = {
  NO_PROPHYLAXIS: ['vte.ack.reason.bleeding', 'vte.ack.reason.ordered', 'vte.ack.reason.ambulant', 'vte.ack.reason.refused'],
  PHARM_CONTRAINDICATED: ['vte.ack.reason.benefit', 'vte.ack.reason.stopped', 'vte.ack.reason.falsePositive'],
  ASSESSMENT_OVERDUE: ['vte.ack.reason.paper', 'vte.ack.reason.done'],
};
const GENERAL_REASONS: MessageKey[] = ['vte.ack.reason.reviewed'];

export function quickReasons(kind: string): MessageKey[] {
  return [...(QUICK_REASONS[kind] ?? []), ...GENERAL_REASONS];
}

const STATUS_COLORS: Record<string, string> = { OPEN: 'red', ACKNOWLEDGED: 'green', RESOLVED: 'default' };

function AcknowledgeModal({
  alert,
  onClose,
  onDone,
}: {
  alert: VteAlert | null;
  onClose: () => void;
  onDone: (alert: VteAlert) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setReason('');
    setTouched(false);
  }, [alert?.id]);

  const missing = reason.trim() === '';
  const submit = async () => {
    setTouched(true);
    if (!alert || missing) return;
    setSaving(true);
    try {
      const updated = await vteApi.acknowledge(alert.id, reason.trim());
      void message.success(t('vte.ack.done'));
      onDone(updated);
    } catch (cause) {
      const failure = cause instanceof Error ? cause : new Error(String(cause));
      if (!(failure instanceof ApiError && failure.status === 401)) void message.error(failure.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={alert !== null}
      title={t('vte.ack.title')}
      okText={t('vte.ack.confirm')}
      cancelText={t('vte.ack.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      // A stray click beside the dialog must not throw away a reason being typed.
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'vte-ack-submit' } as never}
      destroyOnHidden
    >
      {alert && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <div>
            <AlertKindTag kind={alert.kind} />
            <Typography.Text>{alertText(alert, lang)}</Typography.Text>
          </div>
          <Typography.Text strong>{t('vte.ack.quick')}</Typography.Text>
          <Space wrap size={[6, 6]}>
            {quickReasons(alert.kind).map((key) => (
              <Tag.CheckableTag
                key={key}
                checked={reason === t(key)}
                onChange={() => setReason(t(key))}
                data-testid="vte-ack-quick"
                style={{ border: '1px solid #d9d9d9' }}
              >
                {t(key)}
              </Tag.CheckableTag>
            ))}
          </Space>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('vte.ack.placeholder')}
            status={touched && missing ? 'error' : undefined}
            data-testid="vte-ack-reason"
          />
          {touched && missing && <Typography.Text type="danger">{t('vte.ack.required')}</Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}

/** VTE alerts by status and department; open ones can be acknowledged with a reason. */
export default function VteAlertsPage() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const canAcknowledge = VTE_ACK_ROLES.some(hasRole);
  const [params, setParams] = useSearchParams();
  const status = (FILTERS as string[]).includes(params.get('status') ?? '') ? (params.get('status') as VteAlertFilter) : 'OPEN';
  const department = params.get('department') || undefined;
  const departments = useApi((signal) => api.departments(signal), []);
  const alerts = useApi((signal) => vteApi.alerts(status, department, signal), [status, department]);
  // Alerts carry the patient's name; the ward list is a fallback for older servers.
  const ward = useApi((signal) => vteApi.ward(undefined, signal), []);
  const names = useMemo(() => new Map((ward.data?.patients ?? []).map((p) => [p.patientId, p.name])), [ward.data]);
  // Acknowledged here: shown in place (with who, when and why) until the list is loaded again.
  const [updated, setUpdated] = useState<Record<string, VteAlert>>({});
  const [acknowledging, setAcknowledging] = useState<VteAlert | null>(null);
  useEffect(() => setUpdated({}), [alerts.data]);
  const rows = (alerts.data ?? []).map((a) => updated[a.id] ?? a);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const columns: TableColumnsType<VteAlert> = [
    { title: t('vte.col.kind'), dataIndex: 'kind', width: 130, render: (kind: string) => <AlertKindTag kind={kind} /> },
    {
      title: t('vte.col.patient'),
      key: 'patient',
      width: 120,
      render: (_, a) => (
        <Link to={`/vte/patients/${encodeURIComponent(a.patientId)}`} data-testid="vte-alert-patient">
          {a.patientName ?? names.get(a.patientId) ?? a.patientId}
          {(a.patientName ?? names.get(a.patientId)) && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {a.patientId}
            </Typography.Text>
          )}
        </Link>
      ),
    },
    { title: t('col.department'), dataIndex: 'department', width: 110 },
    {
      title: t('vte.col.message'),
      key: 'message',
      render: (_, a) => alertText(a, lang),
    },
    { title: t('vte.col.raisedAt'), dataIndex: 'raisedAt', width: 140, render: (at: string) => formatDateTime(at) },
    {
      title: t('vte.col.status'),
      key: 'status',
      width: 220,
      render: (_, a) => (
        <div data-testid="vte-alert-status" data-status={a.status}>
          <Tag color={STATUS_COLORS[a.status] ?? 'default'}>{openLabel(vteAlertStatusLabels, lang, a.status)}</Tag>
          {a.status === 'ACKNOWLEDGED' && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="vte-alert-ack">
              {t('vte.ack.by', { user: a.acknowledgedBy ?? '', at: formatDateTime(a.acknowledgedAt) })}
              <br />
              {t('vte.ack.reason')}: {a.ackReason}
            </Typography.Text>
          )}
          {a.status === 'RESOLVED' && a.resolvedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {formatDateTime(a.resolvedAt)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('vte.col.action'),
      key: 'action',
      width: 100,
      render: (_, a) =>
        a.status === 'OPEN' && canAcknowledge ? (
          <Button size="small" icon={<CheckOutlined />} onClick={() => setAcknowledging(a)} data-testid="vte-alert-ack-button">
            {t('vte.ack.button')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Card
      title={t('vte.alerts.title')}
      extra={
        <Space wrap>
          <Segmented<VteAlertFilter>
            value={status}
            onChange={(value) => setParam('status', value === 'OPEN' ? undefined : value)}
            options={FILTERS.map((value) => ({ value, label: openLabel(vteAlertStatusLabels, lang, value) }))}
            data-testid="vte-alert-filter"
          />
          <Select
            allowClear
            showSearch
            placeholder={t('vte.allDepartments')}
            style={{ width: 180 }}
            value={department}
            onChange={(value: string | undefined) => setParam('department', value)}
            loading={departments.loading}
            options={(departments.data ?? []).map((name) => ({ value: name, label: name }))}
          />
          <Button icon={<ReloadOutlined />} onClick={alerts.reload}>
            {t('vte.refresh')}
          </Button>
        </Space>
      }
    >
      {!canAcknowledge && (
        <Typography.Paragraph type="secondary">{t('vte.ack.readOnly')}</Typography.Paragraph>
      )}
      <Table<VteAlert>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={alerts.loading}
        onRow={(a) => ({ 'data-testid': 'vte-alert-row', 'data-alert-id': a.id, 'data-patient-id': a.patientId }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('vte.alerts.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        scroll={{ x: 1100 }}
      />
      <AcknowledgeModal
        alert={acknowledging}
        onClose={() => setAcknowledging(null)}
        onDone={(a) => {
          setUpdated((current) => ({ ...current, [a.id]: a }));
          setAcknowledging(null);
        }}
      />
    </Card>
  );
}
