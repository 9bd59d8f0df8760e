import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ingestApi, type QuarantinedMessage, type SourceActivity } from '../../api/ingest';
import { EChart } from '../../components/EChart';
import { useApi } from '../../components/useApi';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/I18nContext';
import { UploadCard } from './UploadCard';

const STATUS_COLORS: Record<string, string> = {
  applied: 'green',
  duplicate: 'default',
  held: 'gold',
  quarantined: 'red',
  staged: 'blue',
  superseded: 'default',
};

/** Replays a quarantined message as staged, or with the payload corrected by hand. */
function ReplayDialog({ message: m, onDone }: { message: QuarantinedMessage | undefined; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [payload, setPayload] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!m) return null;
  const text = payload ?? (m.payload ?? '').replace(/\r/g, '\n');
  const replay = async (corrected: boolean) => {
    setBusy(true);
    try {
      const result = await ingestApi.replay(m.id, corrected ? text : null);
      const outcome = result.status === 'quarantined' ? 'warning' : 'success';
      void message[outcome](t('ingest.replayed', { status: t(`ingest.status.${result.status}` as never) || result.status, reason: result.reason ?? '' }));
      setPayload(undefined);
      onDone();
    } catch (cause) {
      void message.error(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={860}
      title={t('ingest.replayTitle', { id: m.id })}
      onCancel={() => {
        setPayload(undefined);
        onDone();
      }}
      footer={
        <Space>
          <Button onClick={() => replay(false)} loading={busy} data-testid="ingest-replay-as-is">
            {t('ingest.replayAsIs')}
          </Button>
          <Button type="primary" onClick={() => replay(true)} loading={busy} data-testid="ingest-replay-corrected">
            {t('ingest.replayCorrected')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="danger">
          {m.code} {m.reason}
        </Typography.Text>
        <Input.TextArea
          data-testid="ingest-payload"
          value={text}
          onChange={(e) => setPayload(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 24 }}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
        />
      </Space>
    </Modal>
  );
}

/** Data integration: each source's messages by status and per hour, and the quarantine with reasons and replay. */
export default function IntegrationPage() {
  const { t } = useI18n();
  const [source, setSource] = useState<string>();
  const [page, setPage] = useState(0);
  const [replaying, setReplaying] = useState<QuarantinedMessage>();
  const sources = useApi((signal) => ingestApi.sources(signal), []);
  const quarantine = useApi((signal) => ingestApi.quarantine(page, 20, source, signal), [page, source]);
  const all = sources.data ?? [];
  const hours = all[0]?.per_hour.map((h) => formatDateTime(h.hour).slice(11, 16)) ?? [];

  const reload = () => {
    sources.reload();
    quarantine.reload();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <UploadCard onImported={reload} />
      <Card
        title={t('ingest.sources')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('vte.refresh')}
          </Button>
        }
      >
        <Table<SourceActivity>
          rowKey="source"
          size="small"
          loading={sources.loading}
          dataSource={all}
          pagination={false}
          data-testid="ingest-sources"
          locale={{ emptyText: t('ingest.noSources') }}
          columns={[
            { title: t('ingest.source'), dataIndex: 'source' },
            { title: t('ingest.total'), dataIndex: 'total', width: 90 },
            ...(['applied', 'duplicate', 'held', 'quarantined'] as const).map((status) => ({
              title: t(`ingest.status.${status}`),
              key: status,
              width: 100,
              render: (_: unknown, s: SourceActivity) =>
                s.messages[status] > 0 ? <Tag color={STATUS_COLORS[status]}>{s.messages[status]}</Tag> : 0,
            })),
            {
              title: t('ingest.lastArrival'),
              dataIndex: 'last_arrival',
              width: 170,
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
        {all.length > 0 && (
          <EChart
            height={220}
            testId="ingest-per-hour"
            option={{
              animation: false,
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
              xAxis: { type: 'category', data: hours, name: t('ingest.hour') },
              yAxis: { type: 'value', name: t('ingest.messages') },
              series: all.map((s) => ({ type: 'bar', stack: 'all', name: s.source, data: s.per_hour.map((h) => h.messages) })),
            }}
          />
        )}
      </Card>
      <Card
        title={t('ingest.quarantine')}
        extra={
          <Select
            allowClear
            style={{ width: 240 }}
            placeholder={t('ingest.allSources')}
            value={source}
            onChange={(v) => {
              setPage(0);
              setSource(v);
            }}
            options={all.map((s) => ({ value: s.source, label: s.source }))}
          />
        }
      >
        <Table<QuarantinedMessage>
          rowKey="id"
          size="small"
          loading={quarantine.loading}
          dataSource={quarantine.data?.items ?? []}
          data-testid="ingest-quarantine"
          pagination={{
            current: page + 1,
            pageSize: 20,
            total: quarantine.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => setPage(p - 1),
          }}
          columns={[
            { title: 'ID', dataIndex: 'id', width: 70 },
            { title: t('ingest.arrivedAt'), dataIndex: 'arrived_at', width: 160, render: (v: string) => formatDateTime(v) },
            { title: t('ingest.source'), dataIndex: 'source', width: 160 },
            { title: t('ingest.type'), dataIndex: 'message_type', width: 110 },
            { title: t('ingest.controlId'), dataIndex: 'source_id', width: 170 },
            {
              title: t('ingest.reason'),
              key: 'reason',
              render: (_, m) => (
                <span>
                  <Tag color="red">{m.code}</Tag>
                  {m.reason}
                </span>
              ),
            },
            {
              title: '',
              key: 'replay',
              width: 90,
              render: (_, m) => (
                <Button size="small" onClick={() => setReplaying(m)} data-testid="ingest-replay">
                  {t('ingest.replay')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <ReplayDialog
        message={replaying}
        onDone={() => {
          setReplaying(undefined);
          reload();
        }}
      />
    </Space>
  );
}
