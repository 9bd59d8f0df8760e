import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ingestFormats, uploadFile } from '../../api/ingest';
import { useApi } from '../../components/useApi';
import { useI18n } from '../../i18n/I18nContext';

/** Mappings the server ships for table extracts; a site's own mapping is a file path on the server. */
const SHIPPED_MAPPINGS = ['synthetic-hospital', 'mimic-iv-demo'];

/** Imports one file through its connector (staged raw, then applied) and shows the run's counts. */
export function UploadCard({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const formats = useApi((signal) => ingestFormats(signal), []);
  const [format, setFormat] = useState('hl7v2');
  const [source, setSource] = useState('');
  const [mapping, setMapping] = useState(SHIPPED_MAPPINGS[0]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();

  const upload = async (file: File) => {
    setBusy(true);
    setResult(undefined);
    try {
      const c = await uploadFile(file, { format, source, mapping: format === 'table' ? mapping : undefined });
      setResult(
        t('ingestUpload.result', {
          file: file.name,
          received: c.received,
          accepted: c.accepted,
          updated: c.updated,
          duplicates: c.duplicates,
          quarantined: c.quarantined,
          held: c.held,
          seconds: c.seconds,
        }),
      );
      onImported();
    } catch (cause) {
      void message.error(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('ingestUpload.title')} data-testid="ingest-upload">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('ingestUpload.format')}</span>
          <Select
            style={{ width: 300 }}
            value={format}
            onChange={setFormat}
            data-testid="ingest-upload-format"
            options={(formats.data ?? ['hl7v2']).map((f) => ({
              value: f,
              label: t(`ingestUpload.format.${f}` as never) || f,
            }))}
          />
          {format === 'table' && (
            <>
              <span>{t('ingestUpload.mapping')}</span>
              <Select
                style={{ width: 200 }}
                value={mapping}
                onChange={setMapping}
                options={SHIPPED_MAPPINGS.map((m) => ({ value: m, label: m }))}
              />
            </>
          )}
          <Input
            style={{ width: 280 }}
            placeholder={t('ingestUpload.source')}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            data-testid="ingest-upload-source"
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="ingest-upload-choose">
              {t('ingestUpload.choose')}
            </Button>
          </Upload>
        </Space>
        <Typography.Text type="secondary">{t('ingestUpload.hint')}</Typography.Text>
        {result && <Alert type="success" showIcon message={result} data-testid="ingest-upload-result" />}
      </Space>
    </Card>
  );
}
