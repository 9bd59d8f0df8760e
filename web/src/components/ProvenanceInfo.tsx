import { InfoCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { Provenance } from '../api/types';
import { useI18n } from '../i18n/I18nContext';

/** An icon whose tooltip tells where a record came from (source system, source record, ingestion batch). */
export function ProvenanceInfo({ provenance }: { provenance?: Provenance | null }) {
  const { t } = useI18n();
  if (!provenance) return null;
  const title = (
    <div>
      <div><strong>{t('common.provenance')}</strong></div>
      <div>{t('common.sourceSystem')}: {provenance.sourceSystem ?? '—'}</div>
      <div>{t('common.sourceRecordId')}: {provenance.sourceRecordId ?? '—'}</div>
      <div>{t('common.batchId')}: {provenance.batchId ?? '—'}</div>
    </div>
  );
  return (
    <Tooltip title={title}>
      <InfoCircleOutlined style={{ color: '#8c8c8c', cursor: 'help' }} aria-label={t('common.provenance')} />
    </Tooltip>
  );
}
